package dev.spillway.pg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves connection settings the way libpq (and so psql) does. For each keyword the first of:
 * <ol>
 *   <li>psql's flags ({@link ConnectionFlags}): {@code -h}, {@code -p}, {@code -U}, {@code -d} when it is a
 *       plain database name, and a password typed at the {@code -W} prompt;
 *   <li>the connection string: {@code --url} or a {@code -d} holding one (not both), a {@link PgUri},
 *       a {@link JdbcUrl} or a keyword/value {@link ConnInfoString};
 *   <li>the service named by the URL's {@code service} or {@code PGSERVICE}, looked up in
 *       {@code PGSERVICEFILE} (else {@code ~/.pg_service.conf}), then in
 *       {@code PGSYSCONFDIR/pg_service.conf} (else the compiled-in sysconfdir); a named service found
 *       nowhere is an error;
 *   <li>the keyword's environment variable ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
 *       {@code PGUSER}, {@code PGPASSWORD}, {@code PGPASSFILE}, {@code PGSSLMODE}, {@code PGAPPNAME},
 *       {@code PGCONNECT_TIMEOUT}, ...);
 *   <li>psql's default: host {@code localhost}, port 5432, user = OS user, database = user.
 * </ol>
 * Without a password so far, the password file ({@code passfile}/{@code PGPASSFILE}, else
 * {@code ~/.pgpass}) is searched for the first host that has an entry. A Unix socket directory as host
 * (or no host, libpq's socket default) becomes {@code localhost} over TCP: pgjdbc has no Unix sockets
 * by default. {@code connect_timeout} follows libpq: 0 or negative waits forever, 1 counts as 2; it
 * bounds the whole start-up (TCP connect, TLS, authentication), as in libpq. TCP keepalives are on
 * unless {@code keepalives=0}; {@code keepalives_idle}, {@code keepalives_interval} and
 * {@code keepalives_count} are applied by {@link GuardedSocketFactory}, the socket factory of every
 * connection (unless a jdbc URL names its own {@code socketFactory}).
 *
 * <p>When spillway resolves no password, pgjdbc is given an empty one, so that it does not consult a
 * password file on its own (it would skip libpq's permission check and use a file that is
 * group- or world-readable, which psql ignores with a warning).
 */
final class ConnectionOptionsResolver {
  static final String DEFAULT_APPLICATION_NAME = "spillway";
  static final int DEFAULT_PORT = 5432;
  static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  /** libpq target_session_attrs -> pgjdbc targetServerType. */
  static final Map<String, String> TARGET_SERVER_TYPES = Map.of(
      "any", "any", "read-write", "primary", "primary", "primary",
      "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

  private final ClientEnvironment env;

  ConnectionOptionsResolver(ClientEnvironment env) {
    this.env = env;
  }

  ConnectionOptions resolve(String url) {
    return resolve(ConnectionFlags.ofUrl(url));
  }

  ConnectionOptions resolve(ConnectionFlags flags) {
    Optional<String> dbnameString = flags.dbname().filter(ConnectionOptionsResolver::isConnectionString);
    if (dbnameString.isPresent() && flags.url().isPresent()) {
      throw new ConnectionOptionsException("-d/--dbname holds a connection string and --url gives another: give one of"
          + " them");
    }
    ConnInfo explicit = parseUrl(flags.url().or(() -> dbnameString).orElse(null));
    String urlOrigin = flags.url().isPresent() ? "the connection URL" : "the connection string of -d";
    EnumMap<Keyword, String> values = new EnumMap<>(Keyword.class);
    EnumMap<Keyword, String> origins = new EnumMap<>(Keyword.class);
    explicit.values().forEach((k, v) -> {
      values.put(k, v);
      origins.put(k, urlOrigin);
    });
    flag(values, origins, Keyword.HOST, flags.host(), "-h/--host");
    flag(values, origins, Keyword.PORT, flags.port(), "-p/--port");
    flag(values, origins, Keyword.USER, flags.user(), "-U/--username");
    flag(values, origins, Keyword.DBNAME, flags.dbname().filter(d -> !isConnectionString(d)), "-d/--dbname");
    flag(values, origins, Keyword.PASSWORD, flags.password().map(Password::reveal), "the password prompt (-W)");
    applyService(values, origins);
    for (Keyword k : Keyword.values()) {
      if (k.envVariable != null && k != Keyword.SERVICE && !values.containsKey(k)) {
        env.get(k.envVariable).ifPresent(v -> {
          values.put(k, v);
          origins.put(k, "environment variable " + k.envVariable);
        });
      }
    }
    return build(values, origins, explicit.driverProperties());
  }

  private static void flag(EnumMap<Keyword, String> values, EnumMap<Keyword, String> origins, Keyword k,
      Optional<String> value, String origin) {
    value.ifPresent(v -> {
      values.put(k, v);
      origins.put(k, origin);
    });
  }

  /** libpq's expand_dbname test: a URI, or a string holding an {@code =}. */
  static boolean isConnectionString(String s) {
    return PgUri.accepts(s) || JdbcUrl.accepts(s) || ConnInfoString.accepts(s);
  }

  private static ConnInfo parseUrl(String url) {
    if (url == null || url.isBlank()) {
      return new ConnInfo();
    }
    if (PgUri.accepts(url)) {
      return PgUri.parse(url);
    }
    if (JdbcUrl.accepts(url)) {
      return JdbcUrl.parse(url);
    }
    if (ConnInfoString.accepts(url) && !url.contains("://")) {
      return ConnInfoString.parse(url);
    }
    throw new ConnectionOptionsException("unsupported connection URL: expected postgresql://user@host:port/db?..., "
        + "jdbc:postgresql://host:port/db?... or keywords as host=... port=... dbname=..., got " + describeScheme(url));
  }

  /**
   * What an unsupported URL is, without echoing anything past its scheme: the user info (and so a
   * password) may start right after it. A value with no valid scheme is not echoed at all.
   */
  private static String describeScheme(String url) {
    int colon = url.indexOf(':');
    String scheme = colon < 0 ? "" : url.substring(0, colon);
    return scheme.matches("[A-Za-z][A-Za-z0-9+.-]{0,31}") ? "a URL with scheme \"" + scheme + "\""
        : "a value that is not a URL (no scheme)";
  }

  private void applyService(EnumMap<Keyword, String> values, EnumMap<Keyword, String> origins) {
    Optional<String> service = Optional.ofNullable(values.get(Keyword.SERVICE))
        .filter(s -> !s.isEmpty()).or(() -> env.get("PGSERVICE"));
    if (service.isEmpty()) {
      return;
    }
    List<Path> files = serviceFiles();
    for (Path file : files) {
      Optional<Map<Keyword, String>> settings = ServiceFile.lookup(file, service.get());
      if (settings.isPresent()) {
        settings.get().forEach((k, v) -> {
          if (values.putIfAbsent(k, v) == null) {
            origins.put(k, "service \"" + service.get() + "\" in " + file);
          }
        });
        return;
      }
    }
    throw new ConnectionOptionsException("definition of service \"" + service.get() + "\" not found (looked in "
        + (files.isEmpty() ? "no service file: set PGSERVICEFILE or PGSYSCONFDIR" : files) + ")");
  }

  private List<Path> serviceFiles() {
    List<Path> files = new ArrayList<>();
    env.get("PGSERVICEFILE").map(Path::of)
        .or(() -> env.homeDirectory().map(h -> h.resolve(".pg_service.conf")))
        .ifPresent(files::add);
    env.get("PGSYSCONFDIR").map(Path::of).or(env::systemConfigDirectory)
        .ifPresent(dir -> files.add(dir.resolve("pg_service.conf")));
    return files;
  }

  private ConnectionOptions build(Map<Keyword, String> values, Map<Keyword, String> origins, Map<String, String> passThrough) {
    List<String> warnings = new ArrayList<>();
    String[] hostSpecs = value(values, Keyword.HOST).orElse("").split(",", -1);
    String[] portSpecs = value(values, Keyword.PORT).orElse("").split(",", -1);
    if (portSpecs.length != 1 && portSpecs.length != hostSpecs.length) {
      throw new ConnectionOptionsException("could not match " + portSpecs.length + " port numbers to "
          + hostSpecs.length + " hosts");
    }
    List<HostPort> hosts = new ArrayList<>();
    for (int i = 0; i < hostSpecs.length; i++) {
      hosts.add(new HostPort(tcpHost(hostSpecs[i], warnings), port(portSpecs[portSpecs.length == 1 ? 0 : i])));
    }
    String user = value(values, Keyword.USER).orElse(env.osUser());
    String database = value(values, Keyword.DBNAME).orElse(user);

    Optional<Password> password = value(values, Keyword.PASSWORD).map(Password::of);
    String passwordSource = password.isPresent() ? origins.get(Keyword.PASSWORD) : "none";
    if (password.isEmpty()) {
      Optional<Path> passFile = value(values, Keyword.PASSFILE).map(Path::of)
          .or(() -> env.homeDirectory().map(h -> h.resolve(".pgpass")));
      for (int i = 0; i < hostSpecs.length && passFile.isPresent() && password.isEmpty(); i++) {
        String port = portSpecs[portSpecs.length == 1 ? 0 : i];
        password = PassFile.lookup(passFile.get(), hostSpecs[i], port, database, user, warnings).map(Password::of);
      }
      if (password.isPresent()) {
        passwordSource = "password file " + passFile.get();
      }
    }

    Map<String, String> props = new LinkedHashMap<>();
    Map<String, Password> secrets = new LinkedHashMap<>();
    value(values, Keyword.SSLMODE).ifPresent(m -> props.put("sslmode", sslMode(m)));
    value(values, Keyword.SSLCERT).ifPresent(v -> props.put("sslcert", v));
    value(values, Keyword.SSLKEY).ifPresent(v -> props.put("sslkey", v));
    value(values, Keyword.SSLROOTCERT).ifPresent(v -> props.put("sslrootcert", v));
    value(values, Keyword.SSLPASSWORD).ifPresent(v -> secrets.put("sslpassword", Password.of(v)));
    value(values, Keyword.CONNECT_TIMEOUT).ifPresent(v -> {
      props.put("connectTimeout", connectTimeoutSeconds(v)); // pgjdbc: the TCP connect only
      props.put("loginTimeout", connectTimeoutSeconds(v)); // the whole start-up, as libpq's connect_timeout
    });
    props.put("tcpKeepAlive", value(values, Keyword.KEEPALIVES).map(v -> nonNegative("keepalives", v))
        .map(v -> v.equals("0") ? "false" : "true").orElse("true")); // libpq's default: on
    value(values, Keyword.KEEPALIVES_IDLE).ifPresent(v -> props.put(GuardedSocketFactory.KEEPALIVES_IDLE,
        nonNegative("keepalives_idle", v)));
    value(values, Keyword.KEEPALIVES_INTERVAL).ifPresent(v -> props.put(GuardedSocketFactory.KEEPALIVES_INTERVAL,
        nonNegative("keepalives_interval", v)));
    value(values, Keyword.KEEPALIVES_COUNT).ifPresent(v -> props.put(GuardedSocketFactory.KEEPALIVES_COUNT,
        nonNegative("keepalives_count", v)));
    props.put("socketFactory", GuardedSocketFactory.class.getName());
    value(values, Keyword.OPTIONS).ifPresent(v -> props.put("options", v));
    value(values, Keyword.TARGET_SESSION_ATTRS).ifPresent(v -> props.put("targetServerType", targetServerType(v)));
    passThrough.forEach((k, v) -> {
      if (k.toLowerCase(Locale.ROOT).contains("password")) {
        if (!v.isEmpty()) {
          secrets.put(k, Password.of(v));
        }
      } else {
        props.put(k, v);
      }
    });
    String applicationName = value(values, Keyword.APPLICATION_NAME)
        .or(() -> value(values, Keyword.FALLBACK_APPLICATION_NAME)).orElse(DEFAULT_APPLICATION_NAME);
    return new ConnectionOptions(hosts, database, user, password, passwordSource, applicationName, props, secrets, warnings);
  }

  private static Optional<String> value(Map<Keyword, String> values, Keyword k) {
    return Optional.ofNullable(values.get(k)).filter(v -> !v.isEmpty());
  }

  private static String tcpHost(String spec, List<String> warnings) {
    if (spec.isEmpty()) {
      return PassFile.DEFAULT_HOST;
    }
    if (spec.startsWith("/")) {
      warnings.add("host " + spec + " is a Unix socket directory; connecting to localhost over TCP instead");
      return PassFile.DEFAULT_HOST;
    }
    return spec;
  }

  private static int port(String spec) {
    if (spec.isEmpty()) {
      return DEFAULT_PORT;
    }
    if (!spec.matches("[0-9]{1,5}") || Integer.parseInt(spec) < 1 || Integer.parseInt(spec) > 65535) {
      throw new ConnectionOptionsException("invalid port number: \"" + spec + "\" (expected 1..65535)");
    }
    return Integer.parseInt(spec);
  }

  private static String sslMode(String mode) {
    if (!SSL_MODES.contains(mode)) {
      throw new ConnectionOptionsException("invalid sslmode value: \"" + mode + "\" (expected one of "
          + String.join(", ", SSL_MODES.stream().sorted().toList()) + ")");
    }
    return mode;
  }

  private static String connectTimeoutSeconds(String spec) {
    int seconds;
    try {
      seconds = Integer.parseInt(spec.strip());
    } catch (NumberFormatException e) {
      throw new ConnectionOptionsException("invalid integer value \"" + spec + "\" for connection option \"connect_timeout\"");
    }
    return String.valueOf(seconds <= 0 ? 0 : Math.max(seconds, 2));
  }

  private static String nonNegative(String keyword, String spec) {
    if (!spec.strip().matches("[0-9]{1,9}")) {
      throw new ConnectionOptionsException("invalid integer value \"" + spec + "\" for connection option \"" + keyword
          + "\" (expected 0 or more)");
    }
    return String.valueOf(Integer.parseInt(spec.strip()));
  }

  private static String targetServerType(String attrs) {
    String type = TARGET_SERVER_TYPES.get(attrs);
    if (type == null) {
      throw new ConnectionOptionsException("invalid target_session_attrs value: \"" + attrs + "\" (expected one of "
          + String.join(", ", TARGET_SERVER_TYPES.keySet().stream().sorted().toList()) + ")");
    }
    return type;
  }
}
