package dev.spillway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy for fault tests: listens on 127.0.0.1 (an ephemeral port) and forwards each
 * connection to {@code upstream}. Faults:
 * <ul>
 *   <li>{@link #stall()}: stop moving bytes both ways; sockets stay open, so both ends just wait
 *       (buffers fill, then writers block too), until {@link #resume()} or {@link #close()};
 *   <li>{@link #silent} mode: accept connections and never answer nor connect upstream (a server
 *       that accepts TCP but never speaks);
 *   <li>{@link #close()}: close everything, as a cut network would once the peers notice.
 * </ul>
 * Daemon threads only; everything ends with {@link #close()}. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final boolean silent;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** True while no byte may move. */
  private volatile boolean stalled;
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress upstream, boolean silent) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstream = upstream;
    this.silent = silent;
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Forwards to {@code host:port} (which must be a loopback address in tests). */
  public static TcpProxy forwardingTo(String host, int port) throws IOException {
    return new TcpProxy(new InetSocketAddress(host, port), false);
  }

  /** A proxy in front of the test database's server. */
  public static TcpProxy inFrontOf(TestDatabase db) throws IOException {
    java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
    return forwardingTo(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
  }

  /** The test database's JDBC URL with this proxy as the server. */
  public String jdbcUrl(TestDatabase db) {
    return db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
  }

  /** Accepts connections and never says a word. */
  public static TcpProxy silent() throws IOException {
    return new TcpProxy(null, true);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void stall() {
    stalled = true;
  }

  public void resume() {
    stalled = false;
  }

  /** Connections accepted so far. */
  public int connections() {
    return (int) sockets.stream().filter(s -> s.getLocalPort() == port()).count();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (silent) {
          continue;
        }
        Socket up = new Socket();
        sockets.add(up);
        up.connect(upstream, 5000);
        pump(client, up, "up");
        pump(up, client, "down");
      } catch (IOException e) {
        if (!closed) {
          continue; // one failed connection; keep serving
        }
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        while (!closed) {
          while (stalled && !closed) {
            Thread.sleep(10); // neither read nor write: the peers' buffers fill
          }
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          while (stalled && !closed) {
            Thread.sleep(10);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side or close() ended it
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-" + direction);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    sockets.forEach(TcpProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing a proxy socket that is already gone
    }
  }
}
