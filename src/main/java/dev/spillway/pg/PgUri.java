package dev.spillway.pg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses libpq connection URIs, following libpq's {@code conninfo_uri_parse}:
 * <pre>
 * postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?keyword=value[&amp;...]]
 * </pre>
 * ({@code postgres://} too). Every part is percent-decoded ({@code %00} is refused); an IPv6
 * address goes in brackets; the user part ends at the first {@code @} before any {@code /}, so an
 * {@code @} inside a password must be written {@code %40}; any raw {@code @} after the user info
 * is refused without echoing anything (a password with a raw {@code /} or {@code @} would otherwise
 * end up as the host or database name, and be printed). Query keywords are libpq's (see
 * {@link Keyword}); {@code ssl=true} means {@code sslmode=require}; an unknown keyword is an error.
 * Several hosts become libpq's comma-separated {@code host} and {@code port} values.
 *
 * <p>Error messages quote only the offending piece, never the URI (it may hold a password).
 */
final class PgUri {
  /**
   * An {@code @} after the user info, or after a {@code /} that cut it short: almost always a
   * password holding a raw {@code /} or {@code @}. Nothing of the URI is echoed: any piece of it
   * may be the password.
   */
  static final String AMBIGUOUS_USER_INFO = "cannot parse the connection URI: it has an '@' after the user info (or"
      + " after a '/' inside it). Percent-encode these characters in a user name or password: '@' as %40, '/' as %2F,"
      + " ':' as %3A, '?' as %3F, '#' as %23, '%' as %25 (and write a literal '@' in a query value as %40)";

  private PgUri() {}

  static boolean accepts(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
  }

  static ConnInfo parse(String uri) {
    ConnInfo info = new ConnInfo();
    int p = uri.indexOf("://") + 3;
    int slash = indexOfAny(uri, "/", p);
    int at = uri.indexOf('@', p);
    if (at >= 0 && at < slash) {
      parseUserSpec(uri.substring(p, at), info);
      p = at + 1;
    }
    if (uri.indexOf('@', p) >= 0) {
      throw new ConnectionOptionsException(AMBIGUOUS_USER_INFO);
    }
    p = parseHosts(uri, p, info);
    if (p < uri.length() && uri.charAt(p) == '/') {
      int q = indexOfAny(uri, "?", p + 1);
      String db = decode(uri.substring(p + 1, q), "database name");
      if (!db.isEmpty()) {
        info.set(Keyword.DBNAME, db);
      }
      p = q;
    }
    if (p < uri.length()) {
      if (uri.charAt(p) != '?') {
        throw new ConnectionOptionsException("unexpected character '" + uri.charAt(p) + "' at position " + p
            + " of the connection URI (expected '/', '?' or the end)");
      }
      parseQuery(uri.substring(p + 1), info);
    }
    return info;
  }

  private static void parseUserSpec(String spec, ConnInfo info) {
    int colon = spec.indexOf(':');
    String user = decode(colon < 0 ? spec : spec.substring(0, colon), "user name");
    if (!user.isEmpty()) {
      info.set(Keyword.USER, user);
    }
    if (colon >= 0) {
      String password = decode(spec.substring(colon + 1), "password");
      if (!password.isEmpty()) {
        info.set(Keyword.PASSWORD, password);
      }
    }
  }

  /** Reads {@code host[:port][,host[:port]...]} from {@code p}; returns the index after it. */
  private static int parseHosts(String uri, int p, ConnInfo info) {
    List<String> hosts = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    while (true) {
      String host;
      if (p < uri.length() && uri.charAt(p) == '[') {
        int close = uri.indexOf(']', p);
        if (close < 0) {
          throw new ConnectionOptionsException("unterminated IPv6 host address in the connection URI: missing ']'");
        }
        host = uri.substring(p + 1, close);
        if (host.isEmpty()) {
          throw new ConnectionOptionsException("empty IPv6 host address in the connection URI");
        }
        p = close + 1;
      } else {
        int end = indexOfAny(uri, ":/?,", p);
        host = decode(uri.substring(p, end), "host name");
        p = end;
      }
      String port = "";
      if (p < uri.length() && uri.charAt(p) == ':') {
        int end = indexOfAny(uri, "/?,", p + 1);
        port = decode(uri.substring(p + 1, end), "port");
        p = end;
      }
      hosts.add(host);
      ports.add(port);
      if (p < uri.length() && uri.charAt(p) == ',') {
        p++;
        continue;
      }
      if (p < uri.length() && uri.charAt(p) != '/' && uri.charAt(p) != '?') {
        throw new ConnectionOptionsException("unexpected character '" + uri.charAt(p) + "' at position " + p
            + " in the host part of the connection URI");
      }
      break;
    }
    if (hosts.stream().anyMatch(h -> !h.isEmpty())) {
      info.set(Keyword.HOST, String.join(",", hosts));
    }
    if (ports.stream().anyMatch(s -> !s.isEmpty())) {
      info.set(Keyword.PORT, String.join(",", ports));
    }
    return p;
  }

  private static void parseQuery(String query, ConnInfo info) {
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new ConnectionOptionsException("missing key/value separator \"=\" in connection URI query parameter: \""
            + pair + "\"");
      }
      String key = decode(pair.substring(0, eq), "query parameter name");
      String rawValue = pair.substring(eq + 1);
      if (key.equals("ssl")) {
        if (!decode(rawValue, "ssl parameter").equals("true")) {
          throw new ConnectionOptionsException("invalid value for URI query parameter ssl (only ssl=true is supported)");
        }
        info.set(Keyword.SSLMODE, "require");
        continue;
      }
      Keyword k = Keyword.byName(key).orElseThrow(() -> new ConnectionOptionsException(
          "invalid connection URI query parameter: \"" + key + "\" (supported: " + Keyword.supportedList() + ")"));
      info.set(k, decode(rawValue, "value of " + key));
    }
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** Percent-decodes {@code s} as UTF-8; {@code part} names it in errors (the value is never echoed). */
  static String decode(String s, String part) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        int codePoint = s.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
        continue;
      }
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new ConnectionOptionsException("invalid percent-encoded token in the " + part + " of the connection URI");
      }
      int b = hi * 16 + lo;
      if (b == 0) {
        throw new ConnectionOptionsException("forbidden value %00 in the " + part + " of the connection URI");
      }
      bytes.write(b);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
