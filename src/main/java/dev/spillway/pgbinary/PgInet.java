package dev.spillway.pgbinary;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * An {@code inet} value: an IPv4 (4-byte) or IPv6 (16-byte) address with a netmask length. Host
 * bits beyond the mask are kept ({@code inet}, not {@code cidr}). IPv4-mapped IPv6 addresses stay
 * IPv6, unlike {@link java.net.InetAddress}. Immutable.
 */
public final class PgInet {
  /** 4 or 16 bytes, network order; private copy. */
  private final byte[] address;
  /** Netmask length, 0 to 8 * address.length. */
  private final int bits;

  public PgInet(byte[] address, int bits) {
    checkArgument(address.length == 4 || address.length == 16, "address must be 4 or 16 bytes: %s", address.length);
    checkArgument(bits >= 0 && bits <= 8 * address.length, "bits out of range for %s-byte address: %s",
        address.length, bits);
    this.address = address.clone();
    this.bits = bits;
  }

  public byte[] address() {
    return address.clone();
  }

  public int bits() {
    return bits;
  }

  public boolean isIpv6() {
    return address.length == 16;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgInet other && bits == other.bits && Arrays.equals(address, other.address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + bits;
  }

  @Override
  public String toString() {
    return InetText.format(this);
  }
}
