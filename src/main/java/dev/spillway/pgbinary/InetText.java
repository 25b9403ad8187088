package dev.spillway.pgbinary;

/**
 * {@code inet} text as the server's {@code inet_in}/{@code inet_out}.
 *
 * <p>Input, no surrounding white space: IPv4 as 1-4 dotted decimal octets (fewer than four only
 * with a {@code /bits} that they cover, e.g. {@code 10/8}; one trailing dot ignored); IPv6 in the RFC 4291 text forms with at
 * most one {@code ::} and an optional trailing dotted IPv4; then an optional {@code /bits}
 * (0-32 or 0-128). Without {@code /bits} the mask is the full width.
 *
 * <p>Output: the mask length only when it is not the full width; IPv6 in lower-case hex with the
 * first longest run of two or more zero groups as {@code ::}, and {@code ::ffff:a.b.c.d} /
 * {@code ::a.b.c.d} forms exactly where the server's {@code inet_net_ntop} prints them.
 */
final class InetText {
  private InetText() {}

  static PgInet parse(String s) {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    boolean v6 = s.indexOf(':') >= 0;
    Integer bits = slash < 0 ? null : bits(s.substring(slash + 1), v6 ? 128 : 32);
    byte[] bytes;
    if (v6) {
      boolean strayColon = slash >= 0 && addr.endsWith(":") && !addr.endsWith("::");
      // the server skips a last ':' before "/bits", and lets "/bits" end an empty IPv4 octet
      bytes = ipv6(strayColon ? addr.substring(0, addr.length() - 1) : addr, slash >= 0);
    } else {
      boolean trailingDot = addr.length() > 1 && addr.endsWith(".") && !addr.endsWith("..");
      bytes = ipv4(trailingDot ? addr.substring(0, addr.length() - 1) : addr, bits); // one trailing dot is ignored
    }
    if (bytes == null) {
      throw syntax();
    }
    return new PgInet(bytes, bits == null ? 8 * bytes.length : bits);
  }

  private static Integer bits(String digits, int max) {
    if (digits.isEmpty() || digits.length() > 3 || !allDigits(digits)) {
      throw syntax();
    }
    int v = Integer.parseInt(digits);
    if (v > max) {
      throw syntax();
    }
    return v;
  }

  /** {@code inet_net_pton_ipv4}: 1-4 octets; fewer than 4 need a prefix length they cover. */
  private static byte[] ipv4(String s, Integer bits) {
    String[] parts = s.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || !allDigits(p) || p.length() > 9 || Integer.parseInt(p) > 255) {
        return null;
      }
      out[i] = (byte) Integer.parseInt(p);
    }
    if (bits == null ? parts.length != 4 : bits / 8 > parts.length) {
      return null;
    }
    return out;
  }

  /**
   * The IPv4 tail of an IPv6 address, as the server's {@code getv4}: 1-4 decimal octets without
   * leading zeros; empty (except the last, unless "/bits" follows) and missing octets are zero ({@code ::255.128} is {@code ::255.128.0.0},
   * {@code ::.24} is {@code ::0.24.0.0}).
   */
  private static byte[] embeddedIpv4(String s, boolean endedByBits) {
    String[] parts = s.split("\\.", -1);
    if (parts.length > 4 || (parts[parts.length - 1].isEmpty() && !endedByBits)) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      boolean leadingZero = p.length() > 1 && p.charAt(0) == '0';
      if (p.length() > 3 || !allDigits(p) || leadingZero || (!p.isEmpty() && Integer.parseInt(p) > 255)) {
        return null;
      }
      out[i] = p.isEmpty() ? 0 : (byte) Integer.parseInt(p);
    }
    return out;
  }

  /** RFC 4291 text: hex groups, at most one "::", optional dotted IPv4 in the last 32 bits. */
  private static byte[] ipv6(String s, boolean hasBits) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap < 0 ? s : s.substring(0, gap);
    String tail = gap < 0 ? "" : s.substring(gap + 2);
    int[] headWords = words(head, gap < 0, hasBits);
    int[] tailWords = words(tail, true, hasBits);
    if (headWords == null || tailWords == null) {
      return null;
    }
    int total = headWords.length + tailWords.length;
    if (gap < 0 ? total != 8 : total > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < headWords.length; i++) {
      out[2 * i] = (byte) (headWords[i] >> 8);
      out[2 * i + 1] = (byte) headWords[i];
    }
    for (int i = 0; i < tailWords.length; i++) {
      int at = 8 - tailWords.length + i;
      out[2 * at] = (byte) (tailWords[i] >> 8);
      out[2 * at + 1] = (byte) tailWords[i];
    }
    return out;
  }

  /** Parses colon-separated 16-bit groups; a final dotted IPv4 counts as two groups when allowed. */
  private static int[] words(String s, boolean ipv4Allowed, boolean hasBits) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && ipv4Allowed && p.indexOf('.') >= 0) {
        byte[] v4 = embeddedIpv4(p, hasBits);
        if (v4 == null) {
          return null;
        }
        out[n++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        out[n++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0 || p.charAt(k) > 'f') {
          return null;
        }
        v = (v << 4) | d;
      }
      out[n++] = v;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static InvalidValueException syntax() {
    return new InvalidValueException("invalid input syntax for type inet");
  }

  static String format(PgInet inet) {
    byte[] a = inet.address();
    StringBuilder out = new StringBuilder(48);
    if (!inet.isIpv6()) {
      dotted(out, a, 0);
    } else {
      ipv6Text(out, a);
    }
    if (inet.bits() != 8 * a.length) {
      out.append('/').append(inet.bits());
    }
    return out.toString();
  }

  private static void dotted(StringBuilder out, byte[] a, int from) {
    for (int i = from; i < from + 4; i++) {
      if (i > from) {
        out.append('.');
      }
      out.append(a[i] & 0xFF);
    }
  }

  /** The server's {@code inet_net_ntop_ipv6}, including its embedded-IPv4 rule. */
  private static void ipv6Text(StringBuilder out, byte[] a) {
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestBase = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (w[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && w[i] == 0) {
        i++;
      }
      if (i - start > bestLen) {
        bestBase = start;
        bestLen = i - start;
      }
    }
    if (bestLen < 2) {
      bestBase = -1;
    }
    for (int i = 0; i < 8; i++) {
      if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
        if (i == bestBase) {
          out.append(':');
        }
        continue;
      }
      if (i != 0) {
        out.append(':');
      }
      if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
        dotted(out, a, 12);
        break;
      }
      out.append(Integer.toHexString(w[i]));
    }
    if (bestBase >= 0 && bestBase + bestLen == 8) {
      out.append(':');
    }
  }
}
