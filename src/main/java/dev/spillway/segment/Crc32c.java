package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The textual form of a CRC32C (Castagnoli, {@link java.util.zip.CRC32C}) as the manifest stores it:
 * exactly 8 lowercase hexadecimal digits of the unsigned 32-bit value, e.g. {@code "e3069283"} for
 * the bytes {@code "123456789"}.
 */
public final class Crc32c {
  private Crc32c() {}

  public static final Pattern HEX = Pattern.compile("[0-9a-f]{8}");

  public static String hex(int crc32c) {
    return HexFormat.of().toHexDigits(crc32c);
  }

  public static int parseHex(String hex) {
    checkArgument(hex != null && HEX.matcher(hex).matches(), "crc32c must be 8 lowercase hex digits: %s", hex);
    return (int) Long.parseLong(hex, 16);
  }
}
