package dev.spillway.pg;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * What went wrong when a connection could not be opened, said as psql says it: a name that did not
 * resolve, a refused connection, a timeout, no route, or the server's own message. pgjdbc reports
 * the first as only "The connection attempt failed." and a missing password as "no password was
 * provided by plugin null"; the cause chain says what really happened.
 */
final class ConnectFailure {
  /** pgjdbc's message when the server asks for a password and the driver has none. */
  static final String PGJDBC_NO_PASSWORD = "but no password was provided by plugin";

  private ConnectFailure() {}

  /** One line; the SQLState at the end, as {@link SqlErrors#describe} writes it. */
  static String describe(SQLException e) {
    String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
    if (SqlErrors.stallIn(e) != null) {
      return SqlErrors.describe(e); // names the stall timeout
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof UnknownHostException u) {
        return "could not translate host name \"" + u.getMessage() + "\" to an address (name not resolved)" + state;
      }
      if (c instanceof NoRouteToHostException) {
        return "no route to host" + state;
      }
      if (c instanceof ConnectException) {
        return "connection refused: is the server running on that host and accepting TCP/IP connections on that port?"
            + state;
      }
      if (c instanceof SocketTimeoutException) {
        return "timed out (no answer from the server within the connect timeout)" + state;
      }
    }
    if (e.getMessage() != null && e.getMessage().contains(PGJDBC_NO_PASSWORD)) {
      return "the server asked for a password and none was given" + state;
    }
    return SqlErrors.describe(e);
  }
}
