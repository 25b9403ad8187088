package dev.spillway.pg;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A connection could not be opened. Names the hosts and ports, database, user, the SQLState and
 * where the password came from (never the password: if the driver's message should ever contain it,
 * the message is masked and the cause replaced by a masked copy).
 */
public final class PgConnectException extends PgException {
  /**
   * SQLStates meaning "the password was wrong or missing": 28P01 (invalid_password). Not 28000
   * (invalid_authorization_specification: a role that does not exist, no pg_hba.conf entry), where a
   * password would not help; not 08004 (pgjdbc also reports SSL refusals with it: its own "no
   * password" message is recognised instead).
   */
  private static final Set<String> PASSWORD_STATES = Set.of("28P01");

  /** Servers tried, in order. */
  private final List<HostPort> hosts;
  /** Database asked for. */
  private final String database;
  /** Role asked for. */
  private final String user;
  /** The server wanted a password and the connection had none. */
  private final boolean passwordMissing;

  private PgConnectException(String message, String sqlState, Throwable cause, ConnectionOptions options) {
    super(message, sqlState, cause);
    this.hosts = options.hosts();
    this.database = options.database();
    this.user = options.user();
    this.passwordMissing = options.password().isEmpty() && cause instanceof SQLException e && passwordAsked(e);
  }

  private static boolean passwordAsked(SQLException e) {
    return e.getSQLState() != null && PASSWORD_STATES.contains(e.getSQLState())
        || e.getMessage() != null && e.getMessage().contains(ConnectFailure.PGJDBC_NO_PASSWORD);
  }

  static PgConnectException of(ConnectionOptions options, SQLException e) {
    SqlErrors.reassertInterrupt(e);
    String detail = mask(ConnectFailure.describe(e), options);
    String message = "cannot connect to PostgreSQL at " + options.describe() + ": " + detail + passwordNote(options, e);
    Throwable cause = leaksSecret(e, options) ? masked(e, options) : e;
    return new PgConnectException(message, e.getSQLState(), cause, options);
  }

  static PgConnectException driverRefused(ConnectionOptions options) {
    return new PgConnectException("cannot connect to PostgreSQL at " + options.describe()
        + ": the PostgreSQL driver does not accept the URL " + options.jdbcUrl(), null, null, options);
  }

  /** True when the server asked for a password and none was supplied: a prompt could help. */
  public boolean passwordRequired() {
    return passwordMissing;
  }

  public List<HostPort> hosts() {
    return hosts;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  private static String passwordNote(ConnectionOptions options, SQLException e) {
    if (options.password().isPresent()) {
      return " (password from " + options.passwordSource() + ")";
    }
    if (passwordAsked(e)) {
      return " (no password was supplied: use -W to be prompted, set PGPASSWORD, add an entry to ~/.pgpass or"
          + " PGPASSFILE, or put it in the URL)";
    }
    return "";
  }

  private static List<String> secrets(ConnectionOptions options) {
    List<String> secrets = new java.util.ArrayList<>();
    options.password().ifPresent(p -> secrets.add(p.reveal()));
    options.secretDriverProperties().values().forEach(p -> secrets.add(p.reveal()));
    return secrets;
  }

  private static String mask(String text, ConnectionOptions options) {
    String out = text;
    for (String secret : secrets(options)) {
      out = out.replace(secret, "********");
    }
    return out;
  }

  private static boolean leaksSecret(Throwable t, ConnectionOptions options) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !mask(m, options).equals(m)) {
        return true;
      }
    }
    return false;
  }

  private static SQLException masked(SQLException e, ConnectionOptions options) {
    SQLException copy = new SQLException(mask(String.valueOf(e.getMessage()), options), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
