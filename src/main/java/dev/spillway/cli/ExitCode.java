package dev.spillway.cli;

/** The exit codes scripts can rely on; documented in the README and in {@code spillway --help}. */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** Anything unexpected (a bug, an I/O failure not covered below). */
  public static final int UNEXPECTED = 1;
  /**
   * Bad command line or an invalid plan. A spill directory (or segment file) argument that names
   * nothing is a usage error too, for every command; one that exists but is damaged is {@link #CORRUPT}.
   */
  public static final int USAGE = 2;
  /** Stage one stopped: input rejects passed {@code --max-rejects}, or an input file is unreadable. */
  public static final int REJECTS = 3;
  /**
   * A spill directory that is corrupt, incomplete or fails verification
   * ({@link dev.spillway.segment.SpillFormatException}), or one whose files cannot be read or written
   * ({@link dev.spillway.segment.SpillIoException}: an unreadable segment or manifest, a failed
   * write or fsync while sealing; an id map that cannot be written, e.g. on a full disk), which leaves
   * it unusable or incomplete; or one that cannot be created, listed, emptied or locked at all
   * ({@code --out}/{@code --work} on a read-only file system, without permission: an
   * {@link dev.spillway.spill.OutputDirectoryException} caused by an I/O failure; one that refuses
   * the directory as it is, e.g. an open spill without {@code --force}, is a {@link #USAGE}). An I/O failure on
   * anything else (an input file, {@code cat -o FILE}) is not a 4.
   */
  public static final int CORRUPT = 4;
  /** The database refused or failed (connection, SQL, constraint). */
  public static final int DATABASE = 5;
}
