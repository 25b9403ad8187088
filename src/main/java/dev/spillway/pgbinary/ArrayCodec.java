package dev.spillway.pgbinary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One-dimensional arrays of a scalar type ({@code text[]}, {@code integer[]}, ...): values are
 * unmodifiable {@code List<Object>} of element values, with {@code null} for NULL elements.
 * Text rules in {@link ArrayLiteral}; each element is parsed, checked and rendered by the element
 * codec (typmods such as {@code varchar(10)[]} apply to every element).
 *
 * <p>Payload (the server's {@code array_send}), all int32 big-endian:
 * <pre>
 *   ndim              0 for an empty array, else 1
 *   flags             1 if any element is NULL, else 0
 *   element type OID  e.g. 23 for integer[], 25 for text[]
 *   (ndim = 1 only:)  length, lower bound (1)
 *   per element:      length (-1 for NULL), then that many payload bytes
 * </pre>
 * Decoding treats the payload as untrusted: exact lengths, the element OID must match, one
 * dimension at most with lower bound 1, the element count bounded by the bytes present (so a
 * forged count cannot make us allocate), every element inside the payload, nothing left over.
 */
final class ArrayCodec implements Codec {
  private static final int HEADER_BYTES = 12;
  private static final int DIMENSION_BYTES = 8;

  private final ColumnType type;
  /** Codec of the (scalar) element type, with the same modifiers. */
  private final Codec element;

  ArrayCodec(ColumnType type, Codec element) {
    this.type = type;
    this.element = element;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    List<String> texts = ArrayLiteral.parse(text);
    List<Object> values = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      try {
        values.add(t == null ? null : element.parse(t));
      } catch (InvalidValueException e) {
        throw new InvalidValueException("array element " + (i + 1) + ": " + e.reason(), e);
      }
    }
    return Collections.unmodifiableList(values);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    List<?> values = Values.as(List.class, value, type);
    int oid = type.base().oid();
    if (values.isEmpty()) {
      out.writeInt(0).writeInt(0).writeInt(oid);
      return;
    }
    boolean hasNull = false;
    for (Object v : values) {
      hasNull |= v == null;
    }
    out.writeInt(1).writeInt(hasNull ? 1 : 0).writeInt(oid);
    out.writeInt(values.size()).writeInt(1);
    for (Object v : values) {
      if (v == null) {
        out.writeInt(-1);
      } else {
        int at = out.reserveInt();
        element.encode(v, out);
        out.patchInt(at, out.size() - at - 4);
      }
    }
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    if (length < HEADER_BYTES) {
      throw new InvalidValueException("invalid array payload: " + length + " bytes, header needs " + HEADER_BYTES);
    }
    int ndim = Payload.readInt(buf, offset);
    int flags = Payload.readInt(buf, offset + 4);
    int oid = Payload.readInt(buf, offset + 8);
    if (ndim < 0 || ndim > 1) {
      throw new InvalidValueException(ndim > 1 ? "multidimensional arrays are not supported: " + ndim + " dimensions"
          : "invalid number of array dimensions: " + ndim);
    }
    if (flags != 0 && flags != 1) {
      throw new InvalidValueException("invalid array flags: " + flags);
    }
    if (oid != type.base().oid()) {
      throw new InvalidValueException("array element type OID " + Integer.toUnsignedString(oid) + " instead of "
          + type.base().oid() + " (" + type.base().sqlName() + ")");
    }
    if (ndim == 0) {
      Payload.expectLength("empty array", HEADER_BYTES, length);
      return List.of();
    }
    if (length < HEADER_BYTES + DIMENSION_BYTES) {
      throw new InvalidValueException("invalid array payload: " + length + " bytes, one dimension needs "
          + (HEADER_BYTES + DIMENSION_BYTES));
    }
    int count = Payload.readInt(buf, offset + HEADER_BYTES);
    int lowerBound = Payload.readInt(buf, offset + HEADER_BYTES + 4);
    int pos = offset + HEADER_BYTES + DIMENSION_BYTES;
    int end = offset + length;
    if (count < 0 || count > (end - pos) / 4) {
      throw new InvalidValueException("invalid array length " + count + ": " + (end - pos)
          + " bytes left hold at most " + (end - pos) / 4 + " elements");
    }
    if (count > 0 && lowerBound != 1) {
      throw new InvalidValueException("array lower bound " + lowerBound + " is not supported (only 1)");
    }
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (end - pos < 4) {
        throw new InvalidValueException("array element " + (i + 1) + " length missing at byte " + (pos - offset));
      }
      int itemLength = Payload.readInt(buf, pos);
      pos += 4;
      if (itemLength == -1) {
        values.add(null);
        continue;
      }
      if (itemLength < 0 || itemLength > end - pos) {
        throw new InvalidValueException("array element " + (i + 1) + " length " + itemLength + " exceeds the "
            + (end - pos) + " bytes left");
      }
      try {
        values.add(element.decode(buf, pos, itemLength));
      } catch (InvalidValueException e) {
        throw new InvalidValueException("array element " + (i + 1) + ": " + e.reason(), e);
      }
      pos += itemLength;
    }
    if (pos != end) {
      throw new InvalidValueException("invalid array payload: " + (end - pos) + " bytes after the last element");
    }
    return Collections.unmodifiableList(values);
  }

  @Override
  public String format(Object value) {
    List<?> values = Values.as(List.class, value, type);
    StringBuilder out = new StringBuilder(2 + 8 * values.size()).append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = values.get(i);
      ArrayLiteral.appendElement(out, v == null ? null : element.format(v));
    }
    return out.append('}').toString();
  }

  /**
   * The array literal of the elements' key forms: the server's array equality compares element by
   * element with the element type's equality (two NULL elements equal), so {@code {1.0}} and
   * {@code {1}} are one {@code numeric[]} key. Quoted as in {@link #format}, so it parses one way.
   */
  @Override
  public String keyText(Object value) {
    List<?> values = Values.as(List.class, value, type);
    StringBuilder out = new StringBuilder(2 + 8 * values.size()).append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = values.get(i);
      ArrayLiteral.appendElement(out, v == null ? null : element.keyText(v));
    }
    return out.append('}').toString();
  }
}
