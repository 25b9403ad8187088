package dev.spillway.pgbinary;

/**
 * {@code inet}: values are {@link PgInet}. Payload (the server's {@code inet_send}): family byte
 * (2 = IPv4, 3 = IPv6), mask bits, is-cidr byte (0), address length (4 or 16), then the address.
 * Decoding checks family, bits and length as {@code inet_recv} does and ignores the is-cidr byte
 * as the server does. Text rules in {@link InetText}.
 */
final class InetCodec implements Codec {
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 3;

  private final ColumnType type;

  InetCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return InetText.parse(text);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    PgInet inet = Values.as(PgInet.class, value, type);
    byte[] address = inet.address();
    out.writeByte(inet.isIpv6() ? AF_INET6 : AF_INET).writeByte(inet.bits()).writeByte(0).writeByte(address.length);
    out.write(address);
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    if (length < 4) {
      throw new InvalidValueException("invalid inet payload: " + length + " bytes, header needs 4");
    }
    int family = buf[offset] & 0xFF;
    if (family != AF_INET && family != AF_INET6) {
      throw new InvalidValueException("invalid address family in inet payload: " + family);
    }
    int size = family == AF_INET ? 4 : 16;
    int bits = buf[offset + 1] & 0xFF;
    if (bits > 8 * size) {
      throw new InvalidValueException("invalid bits in inet payload: " + bits);
    }
    int declared = buf[offset + 3] & 0xFF;
    if (declared != size || length != 4 + size) {
      throw new InvalidValueException("invalid length in inet payload: address " + declared + " bytes, payload "
          + length + " bytes, family needs " + size);
    }
    byte[] address = new byte[size];
    System.arraycopy(buf, offset + 4, address, 0, size);
    return new PgInet(address, bits);
  }

  @Override
  public String format(Object value) {
    return InetText.format(Values.as(PgInet.class, value, type));
  }
}
