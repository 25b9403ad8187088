package dev.spillway.pgbinary;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Reads binary COPY tuples (the layout {@link TupleEncoder} writes) from an untrusted byte range:
 * the field count must equal the number of codecs, every length must be -1 or fit in the bytes
 * that remain before {@code limit}, and each payload must satisfy its codec. Nothing is allocated
 * from a length before that length has been checked against the bytes present. Failures are
 * {@link MalformedTupleException}s naming the tuple, field and offset. Immutable.
 */
public final class TupleDecoder {
  /** One codec per column, in column order; a private copy. */
  private final Codec[] codecs;

  public TupleDecoder(Codec... codecs) {
    checkArgument(codecs.length >= 1 && codecs.length <= TupleEncoder.MAX_FIELDS, "field count out of range: %s",
        codecs.length);
    this.codecs = codecs.clone();
  }

  public int fieldCount() {
    return codecs.length;
  }

  /**
   * Decodes the tuple whose int16 field count starts at {@code offset}, reading no byte at or past
   * {@code limit}, into {@code values} (null for NULL). Returns the offset just past the tuple.
   */
  public int decode(byte[] buf, int offset, int limit, Object[] values) {
    checkArgument(values.length == codecs.length, "expected a %s-slot value array, got %s", codecs.length, values.length);
    checkArgument(offset >= 0 && offset <= limit && limit <= buf.length, "bad range [%s, %s) of %s bytes", offset, limit,
        buf.length);
    if (limit - offset < 2) {
      throw new MalformedTupleException(offset, 0, offset, "truncated field count: " + (limit - offset) + " bytes left", null);
    }
    int count = Payload.readShort(buf, offset);
    if (count != codecs.length) {
      throw new MalformedTupleException(offset, 0, offset, "expected " + codecs.length + " fields, found " + count, null);
    }
    int pos = offset + 2;
    for (int i = 0; i < codecs.length; i++) {
      if (limit - pos < 4) {
        throw new MalformedTupleException(offset, i + 1, pos, "truncated field length: " + (limit - pos) + " bytes left",
            null);
      }
      int length = Payload.readInt(buf, pos);
      if (length == -1) {
        values[i] = null;
        pos += 4;
        continue;
      }
      if (length < 0 || length > limit - pos - 4) {
        throw new MalformedTupleException(offset, i + 1, pos, "field length " + length + " exceeds the "
            + (limit - pos - 4) + " bytes left", null);
      }
      try {
        values[i] = codecs[i].decode(buf, pos + 4, length);
      } catch (InvalidValueException e) {
        throw new MalformedTupleException(offset, i + 1, pos + 4, codecs[i].type() + ": " + e.reason(), e);
      }
      pos += 4 + length;
    }
    return pos;
  }
}
