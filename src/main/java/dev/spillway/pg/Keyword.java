package dev.spillway.pg;

import java.util.Arrays;
import java.util.Optional;

/**
 * The libpq connection keywords spillway understands, each with its environment variable (if any).
 * Unknown keywords in a {@code postgresql://} URI or a service file are errors, as in libpq.
 * {@code hostaddr} is not supported (pgjdbc connects by name); {@code host} accepts an address.
 */
enum Keyword {
  HOST("host", "PGHOST"),
  PORT("port", "PGPORT"),
  DBNAME("dbname", "PGDATABASE"),
  USER("user", "PGUSER"),
  PASSWORD("password", "PGPASSWORD"),
  PASSFILE("passfile", "PGPASSFILE"),
  SERVICE("service", "PGSERVICE"),
  SSLMODE("sslmode", "PGSSLMODE"),
  SSLCERT("sslcert", "PGSSLCERT"),
  SSLKEY("sslkey", "PGSSLKEY"),
  SSLROOTCERT("sslrootcert", "PGSSLROOTCERT"),
  SSLPASSWORD("sslpassword", null),
  APPLICATION_NAME("application_name", "PGAPPNAME"),
  FALLBACK_APPLICATION_NAME("fallback_application_name", null),
  CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT"),
  OPTIONS("options", "PGOPTIONS"),
  TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS"),
  KEEPALIVES("keepalives", null),
  KEEPALIVES_IDLE("keepalives_idle", null),
  KEEPALIVES_INTERVAL("keepalives_interval", null),
  KEEPALIVES_COUNT("keepalives_count", null);

  /** The libpq keyword as written in URIs and service files. */
  final String keyword;
  /** The environment variable that supplies it when nothing else does; null if none. */
  final String envVariable;

  Keyword(String keyword, String envVariable) {
    this.keyword = keyword;
    this.envVariable = envVariable;
  }

  static Optional<Keyword> byName(String keyword) {
    return Arrays.stream(values()).filter(k -> k.keyword.equals(keyword)).findFirst();
  }

  static String supportedList() {
    return String.join(", ", Arrays.stream(values()).map(k -> k.keyword).toList());
  }
}
