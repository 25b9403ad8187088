package dev.spillway.pg;

/**
 * The connection settings cannot be resolved: a malformed {@code --url}, an unknown option, a
 * service missing from every service file, a bad port. A usage error (exit code 2), raised before
 * any connection attempt. The message never contains a password: it quotes only the offending part.
 */
public final class ConnectionOptionsException extends RuntimeException {
  public ConnectionOptionsException(String message) {
    super(message);
  }

  public ConnectionOptionsException(String message, Throwable cause) {
    super(message, cause);
  }
}
