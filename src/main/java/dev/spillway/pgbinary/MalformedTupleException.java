package dev.spillway.pgbinary;

/**
 * A binary COPY tuple that cannot be decoded: wrong field count, a length running past the
 * available bytes, or a payload its codec rejects. Carries where: the byte offset of the tuple
 * and of the offending field within the buffer given to {@link TupleDecoder}, and the 1-based
 * field number (0 when the field count itself is wrong). Callers add the file and its base offset.
 */
public final class MalformedTupleException extends RuntimeException {
  /** Offset of the tuple's field-count word. */
  private final long tupleOffset;
  /** 1-based field number, 0 for the tuple header. */
  private final int field;
  /** Offset of the offending length word or payload. */
  private final long byteOffset;

  public MalformedTupleException(long tupleOffset, int field, long byteOffset, String reason, Throwable cause) {
    super("tuple at byte " + tupleOffset + (field > 0 ? ", field " + field : "") + " at byte " + byteOffset + ": " + reason,
        cause);
    this.tupleOffset = tupleOffset;
    this.field = field;
    this.byteOffset = byteOffset;
  }

  public long tupleOffset() {
    return tupleOffset;
  }

  public int field() {
    return field;
  }

  public long byteOffset() {
    return byteOffset;
  }
}
