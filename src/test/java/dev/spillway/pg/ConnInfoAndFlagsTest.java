package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq keyword/value conninfo, psql's flags and their precedence, and what a failed connection says. */
class ConnInfoAndFlagsTest {
  @TempDir
  Path tmp;

  private static ConnectionOptions resolve(ConnectionFlags flags, Map<String, String> env) {
    return ConnectionOptions.fromFlags(flags, ClientEnvironment.of(env, "osuser"));
  }

  @Test
  void conninfoQuotesEscapesAndSpacesAroundEquals() {
    ConnectionOptions o = resolve(ConnectionFlags.ofUrl(
        "host=db.example  port = 5433 dbname='my \\'big\\' db' user=bo\\ b password='p w' sslmode=require"), Map.of());
    assertEquals(List.of(new HostPort("db.example", 5433)), o.hosts());
    assertEquals("my 'big' db", o.database());
    assertEquals("bo b", o.user());
    assertEquals("p w", o.password().orElseThrow().reveal());
    assertEquals("require", o.driverProperties().get("sslmode"));
  }

  @Test
  void conninfoErrorsNameTheKeywordNotTheValue() {
    ConnectionOptionsException unknown = assertThrows(ConnectionOptionsException.class,
        () -> resolve(ConnectionFlags.ofUrl("host=h colour=blue"), Map.of()));
    assertTrue(unknown.getMessage().contains("invalid connection option \"colour\""), unknown.getMessage());
    ConnectionOptionsException open = assertThrows(ConnectionOptionsException.class,
        () -> resolve(ConnectionFlags.ofUrl("host=h password='secret"), Map.of()));
    assertTrue(open.getMessage().contains("unterminated quoted string"), open.getMessage());
    assertFalse(open.getMessage().contains("secret"), open.getMessage());
    ConnectionOptionsException noEquals = assertThrows(ConnectionOptionsException.class,
        () -> resolve(ConnectionFlags.NONE.withDbname("host=h port"), Map.of()));
    assertTrue(noEquals.getMessage().contains("missing \"=\" after \"port\""), noEquals.getMessage());
  }

  @Test
  void flagsOverTheConnectionStringOverTheEnvironmentOverDefaults() {
    Map<String, String> env = Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGUSER", "envuser", "PGDATABASE", "envdb");
    assertEquals("envhost:6000 database \"envdb\" as user \"envuser\"", resolve(ConnectionFlags.NONE, env).describe());
    ConnectionFlags url = ConnectionFlags.ofUrl("postgresql://urluser@urlhost:7000/urldb");
    assertEquals("urlhost:7000 database \"urldb\" as user \"urluser\"", resolve(url, env).describe());
    assertEquals("flaghost:8000 database \"flagdb\" as user \"flaguser\"", resolve(url.withHost("flaghost").withPort("8000")
        .withUser("flaguser").withDbname("flagdb"), env).describe());
    assertEquals("flaghost:7000 database \"urldb\" as user \"urluser\"", resolve(url.withHost("flaghost"), env).describe());
    assertEquals("localhost:5432 database \"osuser\" as user \"osuser\"", resolve(ConnectionFlags.NONE, Map.of()).describe());
  }

  @Test
  void dbnameHoldingAUriOrConninfoIsExpandedAsPsqlDoes() {
    assertEquals("h:5 database \"d\" as user \"u\"",
        resolve(ConnectionFlags.NONE.withDbname("postgresql://u@h:5/d"), Map.of()).describe());
    assertEquals("h:5 database \"d\" as user \"u\"",
        resolve(ConnectionFlags.NONE.withDbname("host=h port=5 dbname=d user=u"), Map.of()).describe());
    assertEquals("h:9 database \"d\" as user \"u\"",
        resolve(ConnectionFlags.NONE.withDbname("host=h port=5 dbname=d user=u").withPort("9"), Map.of()).describe());
    assertEquals("the connection string of -d", resolve(ConnectionFlags.NONE.withDbname("host=h password=pw"), Map.of())
        .passwordSource());
    assertThrows(ConnectionOptionsException.class,
        () -> resolve(ConnectionFlags.ofUrl("postgresql://h/a").withDbname("dbname=b"), Map.of()));
  }

  @Test
  void passwordTypedOverUrlOverEnvironmentOverPassFile() throws IOException {
    Path passFile = tmp.resolve("pgpass");
    Files.writeString(passFile, "h:5432:*:u:filepw\n");
    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
    ConnectionFlags flags = ConnectionFlags.NONE.withHost("h").withUser("u");
    Map<String, String> fileOnly = Map.of("PGPASSFILE", passFile.toString());
    assertEquals("filepw", resolve(flags, fileOnly).password().orElseThrow().reveal());
    Map<String, String> both = Map.of("PGPASSFILE", passFile.toString(), "PGPASSWORD", "envpw");
    assertEquals("envpw", resolve(flags, both).password().orElseThrow().reveal());
    assertEquals("urlpw", resolve(flags.withUrl("postgresql://x:urlpw@h/d"), both).password().orElseThrow().reveal());
    ConnectionOptions typed = resolve(flags.withUrl("postgresql://x:urlpw@h/d").withPassword(Password.of("typed")), both);
    assertEquals("typed", typed.password().orElseThrow().reveal());
    assertEquals("the password prompt (-W)", typed.passwordSource());
    assertFalse(flags.withPassword(Password.of("s3cr3t")).toString().contains("s3cr3t"), "flags never print a password");
  }

  @Test
  void failedConnectionsSayWhatHappened() {
    assertEquals("could not translate host name \"nosuch.invalid\" to an address (name not resolved) (SQLState 08001)",
        ConnectFailure.describe(wrapped(new UnknownHostException("nosuch.invalid"))));
    assertTrue(ConnectFailure.describe(wrapped(new ConnectException("Connection refused"))).startsWith("connection refused"));
    SQLException plugin = new SQLException("The server requested password-based authentication, but no password was"
        + " provided by plugin null", "08004");
    assertEquals("the server asked for a password and none was given (SQLState 08004)", ConnectFailure.describe(plugin));
    ConnectionOptions options = resolve(ConnectionFlags.NONE.withHost("h"), Map.of());
    PgConnectException e = PgConnectException.of(options, plugin);
    assertTrue(e.passwordRequired());
    assertFalse(e.getMessage().contains("plugin"), e.getMessage());
    assertTrue(e.getMessage().contains("use -W to be prompted"), e.getMessage());
    assertEquals(Optional.empty(), options.password());
  }

  private static SQLException wrapped(Exception cause) {
    return new SQLException("The connection attempt failed.", "08001", cause);
  }
}
