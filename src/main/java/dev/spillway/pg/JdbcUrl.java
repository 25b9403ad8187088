package dev.spillway.pg;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses pgjdbc URLs into the same {@link ConnInfo} a libpq URI gives:
 * <pre>
 * jdbc:postgresql:[//host[:port][,host[:port]...]/][database][?property=value[&amp;...]]
 * </pre>
 * Property values are URL-decoded as pgjdbc does. The properties that have a libpq meaning
 * ({@code user}, {@code password}, {@code sslmode}, {@code ApplicationName}, {@code connectTimeout},
 * {@code options}, {@code service}, {@code sslcert}, {@code sslkey}, {@code sslrootcert},
 * {@code sslpassword}) become keywords, so the environment cannot override them; every other
 * property is passed to pgjdbc unchanged. User info before the host ({@code //u:p@h}) is not pgjdbc
 * syntax and is refused with a hint.
 */
final class JdbcUrl {
  static final String PREFIX = "jdbc:postgresql:";

  /** pgjdbc property -> libpq keyword. */
  private static final Map<String, Keyword> MAPPED = Map.ofEntries(
      Map.entry("user", Keyword.USER), Map.entry("password", Keyword.PASSWORD),
      Map.entry("sslmode", Keyword.SSLMODE), Map.entry("ApplicationName", Keyword.APPLICATION_NAME),
      Map.entry("connectTimeout", Keyword.CONNECT_TIMEOUT), Map.entry("options", Keyword.OPTIONS),
      Map.entry("service", Keyword.SERVICE), Map.entry("sslcert", Keyword.SSLCERT),
      Map.entry("sslkey", Keyword.SSLKEY), Map.entry("sslrootcert", Keyword.SSLROOTCERT),
      Map.entry("sslpassword", Keyword.SSLPASSWORD));

  private JdbcUrl() {}

  static boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  static ConnInfo parse(String url) {
    ConnInfo info = new ConnInfo();
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String path = q < 0 ? rest : rest.substring(0, q);
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (authority.indexOf('@') >= 0) {
        throw new ConnectionOptionsException("a jdbc:postgresql: URL takes no user info before the host; "
            + "use ?user=...&password=... or a postgresql://user@host/db URI");
      }
      parseHosts(authority, info);
      path = slash < 0 ? "" : path.substring(slash + 1);
    } else if (path.startsWith("/")) {
      path = path.substring(1);
    }
    String db = decode(path, "database name");
    if (!db.isEmpty()) {
      info.set(Keyword.DBNAME, db);
    }
    parseQuery(query, info);
    return info;
  }

  private static void parseHosts(String authority, ConnInfo info) {
    if (authority.isEmpty()) {
      return;
    }
    List<String> hosts = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    for (String spec : authority.split(",", -1)) {
      String host = spec;
      String port = "";
      if (spec.startsWith("[")) {
        int close = spec.indexOf(']');
        if (close < 0) {
          throw new ConnectionOptionsException("unterminated IPv6 host address in the jdbc URL: missing ']'");
        }
        host = spec.substring(1, close);
        String after = spec.substring(close + 1);
        if (after.startsWith(":")) {
          port = after.substring(1);
        } else if (!after.isEmpty()) {
          throw new ConnectionOptionsException("unexpected text after the IPv6 address in the jdbc URL: \"" + after + "\"");
        }
      } else {
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
          host = spec.substring(0, colon);
          port = spec.substring(colon + 1);
        }
      }
      hosts.add(host);
      ports.add(port);
    }
    if (hosts.stream().anyMatch(h -> !h.isEmpty())) {
      info.set(Keyword.HOST, String.join(",", hosts));
    }
    if (ports.stream().anyMatch(p -> !p.isEmpty())) {
      info.set(Keyword.PORT, String.join(",", ports));
    }
  }

  private static void parseQuery(String query, ConnInfo info) {
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "value of " + name);
      Keyword k = MAPPED.get(name);
      if (k != null) {
        info.set(k, value);
      } else {
        info.setDriverProperty(name, value);
      }
    }
  }

  private static String decode(String s, String part) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConnectionOptionsException("invalid percent-encoding in the " + part + " of the jdbc URL");
    }
  }
}
