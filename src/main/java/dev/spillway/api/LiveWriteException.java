package dev.spillway.api;

/**
 * A live write could not be done: a ref with {@code missing: error} to a key that is nowhere, a key
 * repeated under {@code on_duplicate: error}, an id that does not fit its column, a key another
 * transaction wrote first under another id, or a writer used after its transaction ended. Names
 * the source, the record and the table where there is one. Nothing of the failing flush is
 * written by the writer's own statements before the failure is known, except where the message
 * says; the caller's transaction should be rolled back.
 */
public class LiveWriteException extends RuntimeException {
  public LiveWriteException(String message) {
    super(message);
  }

  public LiveWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
