package dev.spillway.idmap;

/**
 * A natural key whose encoding would exceed {@link NaturalKey#MAX_ENCODED_BYTES}. The caller rejects
 * the row (reason: the message) rather than aborting the run.
 */
public final class KeyTooLongException extends RuntimeException {
  private final long encodedBytes;

  KeyTooLongException(long encodedBytes, int maxEncodedBytes, int partNumber) {
    super("natural key too long: " + encodedBytes + " bytes encoded at part " + partNumber
        + ", maximum " + maxEncodedBytes);
    this.encodedBytes = encodedBytes;
  }

  /** Encoded length the key would have reached with the refused part. */
  public long encodedBytes() {
    return encodedBytes;
  }
}
