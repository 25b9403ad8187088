package dev.spillway.pg;

import java.net.SocketTimeoutException;

/**
 * The server sent nothing, or accepted no data, for the stall timeout ({@code --stall-timeout}):
 * thrown by {@link GuardedSocket}'s streams in place of the bare socket timeout, so the message
 * pgjdbc wraps names the server and the time waited. The connection is closed; whatever
 * transaction was open is rolled back by the server once it notices.
 */
public final class ConnectionStalledException extends SocketTimeoutException {
  ConnectionStalledException(String server, String what, long timeoutMillis) {
    super("the server at " + server + " " + what + " for " + seconds(timeoutMillis)
        + " s (--stall-timeout); the connection was closed");
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
