package dev.spillway.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * The pgjdbc {@code socketFactory} of every connection spillway opens: makes {@link GuardedSocket}s.
 * pgjdbc instantiates it per connection with the connection's properties, from which it reads
 * {@link #KEEPALIVES_IDLE}, {@link #KEEPALIVES_INTERVAL}, {@link #KEEPALIVES_COUNT} (libpq's
 * {@code keepalives_*}, in seconds and probes) and {@code socketTimeout} (the stall timeout, in
 * seconds, also the write watchdog's limit). Reads nothing else (the properties hold secrets too).
 */
public final class GuardedSocketFactory extends SocketFactory {
  static final String KEEPALIVES_IDLE = "spillway.keepalivesIdle";
  static final String KEEPALIVES_INTERVAL = "spillway.keepalivesInterval";
  static final String KEEPALIVES_COUNT = "spillway.keepalivesCount";

  private final GuardedSocket.KeepaliveSettings keepalives;
  private final long writeStallMillis;

  /** Called by pgjdbc (through reflection) with the connection's properties. */
  public GuardedSocketFactory(Properties info) {
    this.keepalives = new GuardedSocket.KeepaliveSettings(number(info, KEEPALIVES_IDLE),
        number(info, KEEPALIVES_INTERVAL), number(info, KEEPALIVES_COUNT));
    this.writeStallMillis = number(info, "socketTimeout") * 1000L;
  }

  private static int number(Properties info, String key) {
    String v = info.getProperty(key);
    return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip()); // validated when resolved
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket(keepalives, writeStallMillis);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new java.net.InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket s = createSocket();
    s.bind(new java.net.InetSocketAddress(localHost, localPort));
    s.connect(new java.net.InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new java.net.InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    Socket s = createSocket();
    s.bind(new java.net.InetSocketAddress(localAddress, localPort));
    s.connect(new java.net.InetSocketAddress(address, port));
    return s;
  }
}
