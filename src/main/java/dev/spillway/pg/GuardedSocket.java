package dev.spillway.pg;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;

/**
 * The TCP socket under every connection spillway opens (through {@link GuardedSocketFactory}):
 * <ul>
 *   <li>TCP keepalives with libpq's {@code keepalives_idle}, {@code keepalives_interval} and
 *       {@code keepalives_count} where the platform supports them (pgjdbc itself turns keepalives
 *       on or off with {@code tcpKeepAlive});
 *   <li>a read that times out ({@code SO_TIMEOUT}, pgjdbc's {@code socketTimeout}: the stall timeout)
 *       is a {@link ConnectionStalledException} naming the server;
 *   <li>a write blocked longer than {@code writeStallMillis} (a peer that stopped reading: a
 *       stalled network or proxy fills the buffers and the write would wait forever, which
 *       {@code SO_TIMEOUT} does not cover) closes the socket and is a
 *       {@link ConnectionStalledException} too. A daemon thread per socket watches the write, from
 *       the first write until the socket closes.
 * </ul>
 * Used by one connection, so by one thread at a time, plus its watchdog.
 */
final class GuardedSocket extends Socket {
  private final KeepaliveSettings keepalives;
  /** 0: no write watchdog. */
  private final long writeStallMillis;
  /** System.nanoTime() when the write in progress started; 0 when none is. */
  private volatile long writeStartedNanos;
  /** Set by the watchdog just before it closes the socket. */
  private volatile boolean writeStalled;
  /** The watchdog; null until the first write. */
  private Thread watchdog;

  GuardedSocket(KeepaliveSettings keepalives, long writeStallMillis) {
    this.keepalives = keepalives;
    this.writeStallMillis = writeStallMillis;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    super.connect(endpoint, timeout);
    keepalives.apply(this);
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return new FilterInputStream(super.getInputStream()) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (SocketTimeoutException e) {
          throw readStall(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
          throw readStall(e);
        }
      }
    };
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return new FilterOutputStream(super.getOutputStream()) {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        guardedWrite(() -> out.write(b, off, len));
      }

      @Override
      public void flush() throws IOException {
        guardedWrite(out::flush);
      }
    };
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private void guardedWrite(IoAction action) throws IOException {
    startWatchdog();
    writeStartedNanos = Math.max(1, System.nanoTime());
    try {
      action.run();
    } catch (IOException e) {
      if (writeStalled) {
        ConnectionStalledException stall = new ConnectionStalledException(server(), "accepted no data", writeStallMillis);
        stall.initCause(e);
        throw stall;
      }
      throw e;
    } finally {
      writeStartedNanos = 0;
    }
  }

  private synchronized void startWatchdog() {
    if (writeStallMillis <= 0 || watchdog != null) {
      return;
    }
    long pollMillis = Math.max(20, Math.min(1000, writeStallMillis / 4));
    watchdog = new Thread(() -> watch(pollMillis), "spillway-stall-watch " + server());
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private void watch(long pollMillis) {
    while (!isClosed()) {
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        return; // nobody interrupts it but the JVM going down
      }
      long started = writeStartedNanos;
      if (started != 0 && System.nanoTime() - started > writeStallMillis * 1_000_000L) {
        writeStalled = true;
        try {
          close(); // the blocked write fails at once
        } catch (IOException e) {
          return; // closing failed: the socket is unusable either way
        }
      }
    }
  }

  private ConnectionStalledException readStall(SocketTimeoutException e) throws IOException {
    ConnectionStalledException stall = new ConnectionStalledException(server(), "sent nothing", getSoTimeout());
    stall.initCause(e);
    return stall;
  }

  /** {@code host:port} as connected to. */
  String server() {
    SocketAddress a = getRemoteSocketAddress();
    if (a instanceof InetSocketAddress i) {
      return i.getHostString() + ":" + i.getPort();
    }
    return String.valueOf(a);
  }

  /** libpq's keepalive settings; a value of 0 leaves the operating system's default. */
  record KeepaliveSettings(int idleSeconds, int intervalSeconds, int count) {
    void apply(Socket s) throws IOException {
      set(s, jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, idleSeconds);
      set(s, jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, intervalSeconds);
      set(s, jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, count);
    }

    private static void set(Socket s, SocketOption<Integer> option, int value) throws IOException {
      if (value > 0 && s.supportedOptions().contains(option)) {
        s.setOption(option, value);
      }
    }
  }
}
