package dev.spillway.pgbinary;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Writes one binary COPY tuple for a fixed list of column codecs (resolved once, at plan time):
 * <pre>
 *   int16 field count
 *   per field: int32 payload length (-1 for NULL), then the payload
 * </pre>
 * A {@code null} value is SQL NULL; the caller decides that explicitly (a missing value is not
 * silently NULL: the value array must have exactly one slot per column). Lengths are patched in
 * after each payload, so no value is encoded twice. Immutable; one instance may serve many
 * threads, each with its own {@link ByteSink}.
 */
public final class TupleEncoder {
  /** Postgres's limit on columns in a table. */
  public static final int MAX_FIELDS = 1600;

  /** One codec per column, in column order; a private copy. */
  private final Codec[] codecs;

  public TupleEncoder(Codec... codecs) {
    checkArgument(codecs.length >= 1 && codecs.length <= MAX_FIELDS, "field count out of range: %s", codecs.length);
    this.codecs = codecs.clone();
    for (int i = 0; i < this.codecs.length; i++) {
      checkArgument(this.codecs[i] != null, "codec %s is null", i);
    }
  }

  public int fieldCount() {
    return codecs.length;
  }

  /**
   * Appends the tuple for {@code values} (one per column, {@code null} = NULL) and returns the
   * number of bytes written. If a codec fails, the sink is cut back to where it was and the
   * exception names the 1-based field and its type; an {@link InvalidValueException} stays one.
   */
  public int encode(Object[] values, ByteSink out) {
    checkArgument(values.length == codecs.length, "expected %s values, got %s", codecs.length, values.length);
    int start = out.size();
    out.writeShort(codecs.length);
    for (int i = 0; i < codecs.length; i++) {
      if (values[i] == null) {
        out.writeInt(-1);
        continue;
      }
      int at = out.reserveInt();
      try {
        codecs[i].encode(values[i], out);
      } catch (InvalidValueException e) {
        out.truncate(start);
        throw new InvalidValueException("field " + (i + 1) + " (" + codecs[i].type() + "): " + e.reason(), e);
      } catch (RuntimeException e) {
        out.truncate(start);
        throw new IllegalArgumentException("field " + (i + 1) + " (" + codecs[i].type() + "): " + e.getMessage(), e);
      }
      out.patchInt(at, out.size() - at - 4);
    }
    return out.size() - start;
  }
}
