package dev.spillway.spill;

/**
 * Stage one stopped because of its input, not because of a bug or an I/O failure: rejects passed
 * {@code --max-rejects} ({@link RejectLimitException}) or a row met an {@code error} policy
 * ({@link InputErrorException}). Exit code 3. The spill directory is left with state {@code open}
 * (loaders refuse it); rejects.csv holds every reject up to the stop.
 */
public abstract class SpillStoppedException extends RuntimeException {
  protected SpillStoppedException(String message) {
    super(message);
  }
}
