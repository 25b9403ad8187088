package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10, items 10, 12 and 15 (SSL): no piece of a password is ever printed, and a readable .pgpass is not used. */
class ConnectionSecretsTest {
  @TempDir
  Path tmp;

  /** Every message of the failure and its causes. */
  private static String allMessages(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      s.append(c).append('\n');
      for (Throwable sup : c.getSuppressed()) {
        s.append(sup).append('\n');
      }
    }
    return s.toString();
  }

  /** Resolving and connecting (port 1: refused at once) fails without a word of the password. */
  private static void assertNoPieceEchoed(String url, String... pieces) {
    String text;
    try {
      ConnectionOptions options = ConnectionOptions.resolve(url, ClientEnvironment.of(Map.of(), "nobody"));
      text = options.toString() + "\n" + options.describe() + "\n";
      try {
        new ConnectionFactory(options).open().close();
        throw new AssertionError("connected to port 1?");
      } catch (PgException e) {
        text += allMessages(e);
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    } catch (ConnectionOptionsException e) {
      text = allMessages(e);
    }
    for (String piece : pieces) {
      assertFalse(text.contains(piece), "\"" + piece + "\" printed: " + text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "@", ":", "?", "#", "%", "/@", "?/", "#/"})
  void aPasswordWithAnySpecialCharacterIsNeverEchoed(String special) {
    String password = "Xk3" + special + "9Secret";
    assertNoPieceEchoed("postgresql://u:" + password + "@127.0.0.1:1/db", "Xk3", "9Secret");
    assertNoPieceEchoed("postgresql://u:" + password + "@127.0.0.1:1", "Xk3", "9Secret");
    assertNoPieceEchoed("postgresql://u:" + password + "@127.0.0.1:1/db?connect_timeout=5", "Xk3", "9Secret");
  }

  @Test
  void theIssuesExampleNamesNeitherDatabaseNorPassword() {
    assertNoPieceEchoed("postgresql://u:9731/Xk3Secret@127.0.0.1/db", "9731", "Xk3Secret");
    assertNoPieceEchoed("postgresql://u:ab/cd@127.0.0.1:1/db", "ab", "cd@");
  }

  @Test
  void aRawAtSignAfterTheUserInfoIsRefusedSayingHowToEncodeIt() {
    ConnectionOptionsException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectionOptionsException.class,
        () -> ConnectionOptions.resolve("postgresql://u:p@ss@127.0.0.1/db", ClientEnvironment.of(Map.of(), "nobody")));
    assertTrue(e.getMessage().contains("%40"), e.getMessage());
    ConnectionOptions ok = ConnectionOptions.resolve("postgresql://u:p%40ss%2F@127.0.0.1/db",
        ClientEnvironment.of(Map.of(), "nobody"));
    assertEquals("p@ss/", ok.password().orElseThrow().reveal());
  }

  @Test
  void aGroupReadablePasswordFileIsIgnoredByTheDriverToo() throws Exception {
    Path passFile = tmp.resolve("pgpass");
    Files.writeString(passFile, "*:*:*:*:LeakedPassword\n");
    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-r--r--"));
    ConnectionOptions options = ConnectionOptions.resolve("postgresql://bob@127.0.0.1/db",
        ClientEnvironment.of(Map.of("PGPASSFILE", passFile.toString()), "nobody"));
    assertTrue(options.password().isEmpty());
    assertTrue(options.warnings().stream().anyMatch(w -> w.contains("group or world access")), options.warnings().toString());

    String key = "org.postgresql.pgpassfile"; // where pgjdbc looks first: as if PGPASSFILE pointed there
    String before = System.getProperty(key);
    System.setProperty(key, passFile.toString());
    try {
      Properties sent = org.postgresql.Driver.parseURL(options.jdbcUrl(), options.toDriverProperties());
      assertNotEquals("LeakedPassword", sent.getProperty("password"), "the driver used the file psql ignores");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void anSslRefusalDoesNotSayNoPasswordWasSupplied() {
    ConnectionOptions options = ConnectionOptions.resolve("postgresql://bob@127.0.0.1/db?sslmode=require",
        ClientEnvironment.of(Map.of(), "nobody"));
    PgConnectException e = PgConnectException.of(options, new SQLException("The server does not support SSL.", "08004"));
    assertTrue(e.getMessage().contains("does not support SSL"), e.getMessage());
    assertFalse(e.getMessage().contains("no password"), e.getMessage());
    PgConnectException auth = PgConnectException.of(options,
        new SQLException("FATAL: password authentication failed for user \"bob\"", "28P01"));
    assertTrue(auth.getMessage().contains("no password was supplied"), auth.getMessage());
    assertEquals(List.of(), options.warnings());
  }

  /** Finding B8 (session 6): a role that does not exist (28000) is not a missing password: no hint, no prompt. */
  @Test
  void aMissingRoleDoesNotSayNoPasswordWasSupplied() {
    ConnectionOptions options = ConnectionOptions.resolve("postgresql://nosuchuser@127.0.0.1/db",
        ClientEnvironment.of(Map.of(), "nobody"));
    PgConnectException e = PgConnectException.of(options,
        new SQLException("FATAL: role \"nosuchuser\" does not exist", "28000"));
    assertTrue(e.getMessage().contains("role \"nosuchuser\" does not exist"), e.getMessage());
    assertFalse(e.getMessage().contains("password"), e.getMessage());
    assertFalse(e.passwordRequired(), "a prompt would not help");
  }
}
