package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10, item 6: the socket under every connection: write watchdog, read stall, keepalives. */
class GuardedSocketTest {
  @Test
  void aWriteToAPeerThatStoppedReadingFailsAfterTheStallTimeoutNamingTheServer() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GuardedSocket s = new GuardedSocket(new GuardedSocket.KeepaliveSettings(0, 0, 0), 500);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
      try (Socket peer = server.accept(); s) { // the peer never reads: buffers fill, the write blocks
        OutputStream out = s.getOutputStream();
        byte[] chunk = new byte[1 << 20];
        ConnectionStalledException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
            ConnectionStalledException.class, () -> {
              for (int i = 0; i < 4096; i++) {
                out.write(chunk);
              }
            }));
        assertTrue(e.getMessage().matches("the server at [a-z0-9.]+:" + server.getLocalPort() + " accepted no data for 0\\.5 s"
            + " \\(--stall-timeout\\).*"), e.getMessage());
        assertTrue(s.isClosed());
      }
    }
  }

  @Test
  void aReadTimeoutIsAStallNamingTheServer() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GuardedSocket s = new GuardedSocket(new GuardedSocket.KeepaliveSettings(0, 0, 0), 0);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
      try (Socket peer = server.accept(); s) {
        s.setSoTimeout(300);
        ConnectionStalledException e = assertThrows(ConnectionStalledException.class, () -> s.getInputStream().read());
        assertTrue(e.getMessage().contains("sent nothing for 0.3 s (--stall-timeout)"), e.getMessage());
      }
    }
  }

  @Test
  void libpqKeepaliveSettingsReachTheSocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GuardedSocket s = new GuardedSocket(new GuardedSocket.KeepaliveSettings(61, 11, 4), 0);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
      try (Socket peer = server.accept(); s) {
        if (s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE)) {
          assertEquals(61, s.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE));
          assertEquals(11, s.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL));
          assertEquals(4, s.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
      }
    }
  }

  @Test
  void uriKeepaliveKeywordsAreAcceptedAndCheckedAndTheGuardIsAlwaysOn() {
    ConnectionOptions o = ConnectionOptions.resolve("postgresql://u@h/db?keepalives=1&keepalives_idle=30"
        + "&keepalives_interval=5&keepalives_count=3&connect_timeout=7", ClientEnvironment.of(Map.of(), "nobody"));
    assertEquals("true", o.driverProperties().get("tcpKeepAlive"));
    assertEquals("30", o.driverProperties().get(GuardedSocketFactory.KEEPALIVES_IDLE));
    assertEquals("7", o.driverProperties().get("loginTimeout"), "connect_timeout bounds the whole start-up");
    assertEquals(GuardedSocketFactory.class.getName(), o.driverProperties().get("socketFactory"));
    assertEquals("false", ConnectionOptions.resolve("postgresql://u@h/db?keepalives=0",
        ClientEnvironment.of(Map.of(), "nobody")).driverProperties().get("tcpKeepAlive"));
    ConnectionOptionsException bad = assertThrows(ConnectionOptionsException.class, () -> ConnectionOptions.resolve(
        "postgresql://u@h/db?keepalives_idle=soon", ClientEnvironment.of(Map.of(), "nobody")));
    assertTrue(bad.getMessage().contains("keepalives_idle"), bad.getMessage());
    assertEquals(Duration.ofSeconds(20), o.withStallTimeout(Duration.ofSeconds(20)).stallTimeout());
  }
}
