package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Resolved, sealed connection settings: where to connect, as whom, with which pgjdbc properties.
 * Built once by {@link #resolve} from {@code --url} plus the libpq environment (see
 * {@link ConnectionOptionsResolver} for the precedence), then only read.
 *
 * <p>The password is a {@link Password}; neither {@link #toString()}, {@link #describe()} nor
 * {@link #jdbcUrl()} contains it or any other secret property. The driver receives secrets in
 * {@link java.util.Properties} only.
 *
 * @param hosts                  servers to try in order, at least one (a Unix socket became localhost)
 * @param database               database name
 * @param user                   role name
 * @param password               the password, if one was found
 * @param passwordSource         where it was found ("environment variable PGPASSWORD", "password file
 *                               /home/u/.pgpass", ...), or "none"
 * @param applicationName        application_name reported to the server
 * @param driverProperties       further pgjdbc properties (sslmode, connectTimeout, ...), none secret
 * @param secretDriverProperties pgjdbc properties holding secrets (sslpassword, ...)
 * @param warnings               things the user should know (an ignored password file, a socket path
 *                               replaced by localhost); printed by the command, not logged here
 */
public record ConnectionOptions(
    List<HostPort> hosts,
    String database,
    String user,
    Optional<Password> password,
    String passwordSource,
    String applicationName,
    Map<String, String> driverProperties,
    Map<String, Password> secretDriverProperties,
    List<String> warnings) {

  public ConnectionOptions {
    hosts = List.copyOf(hosts);
    checkArgument(!hosts.isEmpty(), "no host to connect to");
    checkArgument(database != null && !database.isEmpty(), "database name is empty");
    checkArgument(user != null && !user.isEmpty(), "user name is empty");
    checkArgument(password != null, "password is null (use Optional.empty())");
    driverProperties = Map.copyOf(driverProperties);
    secretDriverProperties = Map.copyOf(secretDriverProperties);
    warnings = List.copyOf(warnings);
    checkArgument(!driverProperties.containsKey("password") && !driverProperties.containsKey("user"),
        "user and password are not driver properties here: %s", driverProperties.keySet());
  }

  /**
   * Resolves {@code url} (a {@code postgresql://} / {@code postgres://} URI, a {@code jdbc:postgresql:}
   * URL, or null for "environment only") against {@code env}, like psql.
   *
   * @throws ConnectionOptionsException when the URL or a service file is malformed or names an unknown service
   */
  public static ConnectionOptions resolve(String url, ClientEnvironment env) {
    return new ConnectionOptionsResolver(env).resolve(url);
  }

  /**
   * Resolves psql's command-line options ({@code --url}, {@code -h}, {@code -p}, {@code -U}, {@code -d},
   * a typed password) against {@code env}: flags over the connection string over the service over PG*
   * variables over the password file and psql's defaults.
   *
   * @throws ConnectionOptionsException when a URL, conninfo string or service file is malformed
   */
  public static ConnectionOptions fromFlags(ConnectionFlags flags, ClientEnvironment env) {
    return new ConnectionOptionsResolver(env).resolve(flags);
  }

  /** The same settings reporting another application_name (e.g. {@code spillway load/lock}). */
  public ConnectionOptions withApplicationName(String name) {
    checkArgument(name != null && !name.isEmpty(), "application name is empty");
    return new ConnectionOptions(hosts, database, user, password, passwordSource, name, driverProperties,
        secretDriverProperties, warnings);
  }

  /**
   * The same settings with pgjdbc's {@code socketTimeout} set to {@code stallTimeout} (whole seconds,
   * rounded up; zero turns it off): a connection on which the server sends nothing, or accepts no
   * data, for that long fails with a {@link ConnectionStalledException} ({@link GuardedSocket}).
   */
  public ConnectionOptions withStallTimeout(java.time.Duration stallTimeout) {
    checkArgument(!stallTimeout.isNegative(), "stall timeout < 0: %s", stallTimeout);
    Map<String, String> props = new java.util.LinkedHashMap<>(driverProperties);
    long seconds = (stallTimeout.toMillis() + 999) / 1000;
    props.put("socketTimeout", Long.toString(seconds));
    return new ConnectionOptions(hosts, database, user, password, passwordSource, applicationName, props,
        secretDriverProperties, warnings);
  }

  /** The stall timeout ({@code socketTimeout}), zero when there is none. */
  public java.time.Duration stallTimeout() {
    String v = driverProperties.get("socketTimeout");
    return v == null ? java.time.Duration.ZERO : java.time.Duration.ofSeconds(Long.parseLong(v.strip()));
  }

  /** {@code jdbc:postgresql://h1:p1,h2:p2/db}: no user, no password, no properties. */
  public String jdbcUrl() {
    return JdbcUrl.PREFIX + "//" + hosts.stream().map(HostPort::toString).collect(Collectors.joining(","))
        + "/" + percentEncode(database);
  }

  /** {@code 127.0.0.1:5432 database "test" as user "bob"}, for messages. */
  public String describe() {
    return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","))
        + " database \"" + database + "\" as user \"" + user + "\"";
  }

  /** Everything pgjdbc needs besides the URL, secrets included. Never log the result. */
  Properties toDriverProperties() {
    Properties p = new Properties();
    p.putAll(driverProperties);
    secretDriverProperties.forEach((k, v) -> p.setProperty(k, v.reveal()));
    p.setProperty("user", user);
    p.setProperty("ApplicationName", applicationName);
    // Without a password of ours, an empty one: pgjdbc would otherwise read ~/.pgpass (or PGPASSFILE) on its
    // own, without libpq's permission check, and use a file that PassFile ignored with a warning.
    p.setProperty("password", password.map(Password::reveal).orElse(""));
    return p;
  }

  @Override
  public String toString() {
    return "ConnectionOptions[" + describe() + ", password " + (password.isPresent() ? "from " + passwordSource : "none")
        + ", application_name \"" + applicationName + "\", properties " + driverProperties
        + (secretDriverProperties.isEmpty() ? "" : ", secret properties " + secretDriverProperties.keySet()) + "]";
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters (pgjdbc URL-decodes the database). */
  private static String percentEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
