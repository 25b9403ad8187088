package dev.spillway.cli;

import java.sql.SQLException;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * Maps exceptions to {@link ExitCode}s by type, walking the cause chain so a wrapped
 * {@link SQLException} still reports a database error. The exception types are registered by
 * name of their role, so this class is the one place that knows the mapping.
 */
final class ExitCodeMapper implements IExitCodeExceptionMapper {

  @Override
  public int getExitCode(Throwable t) {
    return exitCode(t);
  }

  int exitCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      Integer code = direct(c);
      if (code != null) {
        return code;
      }
    }
    return ExitCode.UNEXPECTED;
  }

  private static Integer direct(Throwable t) {
    if (t instanceof picocli.CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    if (t instanceof dev.spillway.plan.PlanException || t instanceof dev.spillway.pg.ConnectionOptionsException
        || t instanceof dev.spillway.load.LoadOptionsException) {
      return ExitCode.USAGE;
    }
    if (t instanceof dev.spillway.spill.SpillStoppedException || t instanceof dev.spillway.input.InputException) {
      return ExitCode.REJECTS;
    }
    if (t instanceof dev.spillway.segment.SpillFormatException || t instanceof dev.spillway.segment.SpillIoException) {
      return ExitCode.CORRUPT;
    }
    if (t instanceof dev.spillway.spill.OutputDirectoryException && writeFailure(t.getCause())) {
      return ExitCode.CORRUPT; // the spill directory cannot be created, listed, emptied or locked (a refusal is a 2)
    }
    if (t instanceof dev.spillway.idmap.IdMapException && writeFailure(t.getCause())) {
      return ExitCode.CORRUPT; // the id maps live in the spill directory: it could not be written (disk full, say)
    }
    if (t instanceof SQLException || t instanceof dev.spillway.pg.PgException) {
      return ExitCode.DATABASE;
    }
    return null;
  }

  /** An I/O failure, or the fault of a memory-mapped write (an InternalError from a SIGBUS). */
  private static boolean writeFailure(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.io.IOException || c instanceof java.io.UncheckedIOException || c instanceof InternalError) {
        return true;
      }
    }
    return false;
  }
}
