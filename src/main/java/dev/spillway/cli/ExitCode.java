package dev.spillway.cli;

/** The exit codes scripts can rely on; documented in the README and in {@code spillway --help}. */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** Anything unexpected (a bug, an I/O failure not covered below). */
  public static final int UNEXPECTED = 1;
  /** Bad command line or an invalid plan. */
  public static final int USAGE = 2;
  /** Stage one stopped: input rejects passed {@code --max-rejects}, or an input file is unreadable. */
  public static final int REJECTS = 3;
  /** A spill directory that is corrupt, incomplete or fails verification. */
  public static final int CORRUPT = 4;
  /** The database refused or failed (connection, SQL, constraint). */
  public static final int DATABASE = 5;
}
