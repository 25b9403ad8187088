package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One server address to connect to over TCP.
 *
 * @param host host name or IP address (IPv6 without brackets); never a Unix socket path
 * @param port TCP port, 1..65535
 */
public record HostPort(String host, int port) {
  public HostPort {
    checkArgument(host != null && !host.isEmpty(), "host is empty");
    checkArgument(!host.startsWith("/"), "host is a Unix socket path, not a TCP host: %s", host);
    checkArgument(port >= 1 && port <= 65535, "port must be 1..65535: %s", port);
  }

  /** {@code host:port}, IPv6 in brackets: the form a JDBC URL and messages use. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
