package dev.spillway.pgbinary;

/**
 * Big-endian reads from a payload slice that the caller has already bounds-checked, plus the
 * length checks every fixed-width decoder starts with. Stateless.
 */
final class Payload {
  private Payload() {}

  /** Throws unless {@code length == expected}: fixed-width payloads are exact, never padded. */
  static void expectLength(String typeName, int expected, int length) {
    if (length != expected) {
      throw new InvalidValueException(
          "invalid " + typeName + " payload: expected " + expected + " bytes, got " + length);
    }
  }

  /** Throws unless {@code [offset, offset + length)} lies within {@code buf}. */
  static void checkSlice(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new InvalidValueException("payload slice out of bounds: offset " + offset + ", length " + length
          + ", buffer " + buf.length + " bytes");
    }
  }

  static int readShort(byte[] b, int at) {
    return (short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
  }

  static int readUnsignedShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  static long readLong(byte[] b, int at) {
    return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFFFFFFL);
  }
}
