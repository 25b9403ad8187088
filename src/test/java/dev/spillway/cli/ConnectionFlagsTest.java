package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql's connection options on the command line, without a server: every attempt goes to a closed
 * port (127.0.0.1:1) or an unresolvable name, and the error says where it went, as whom and where the
 * password came from. Precedence: flags over the URL over PG* variables over the password file.
 */
class ConnectionFlagsTest {
  @TempDir
  Path tmp;
  private Path spill;

  @BeforeEach
  void spill() throws IOException {
    spill = CliFixture.spill(tmp, "s");
  }

  private CliRun status(Map<String, String> env, String... flags) {
    String[] args = new String[2 + flags.length];
    args[0] = "status";
    args[1] = spill.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return CliRun.with(CliContext.of(ClientEnvironment.of(env, "osuser"), 80), args);
  }

  private static void assertFails(CliRun r, String... parts) {
    assertEquals(ExitCode.DATABASE, r.exitCode(), r.toString());
    for (String part : parts) {
      assertTrue(r.err().contains(part), "expected \"" + part + "\" in: " + r.err());
    }
  }

  @Test
  void hostPortUserAndDbnameFlags() {
    assertFails(status(Map.of(), "-h", "127.0.0.1", "-p", "1", "-U", "bob", "-d", "sales", "-w"),
        "cannot connect to PostgreSQL at 127.0.0.1:1 database \"sales\" as user \"bob\"", "connection refused");
    assertFails(status(Map.of(), "--host=127.0.0.1", "--port=1", "--username=bob", "--dbname=sales", "--no-password"),
        "127.0.0.1:1 database \"sales\" as user \"bob\"");
  }

  @Test
  void dbnameMayBeAUriOrConninfo() {
    assertFails(status(Map.of(), "-d", "postgresql://carol@127.0.0.1:1/books"),
        "127.0.0.1:1 database \"books\" as user \"carol\"");
    assertFails(status(Map.of(), "-d", "host=127.0.0.1 port=1 dbname='my books' user=carol"),
        "127.0.0.1:1 database \"my books\" as user \"carol\"");
  }

  @Test
  void urlTakesKeywordValueConninfo() {
    assertFails(status(Map.of(), "--url", "host=127.0.0.1 port=1 dbname=ledger user=dave sslmode=disable"),
        "127.0.0.1:1 database \"ledger\" as user \"dave\"");
  }

  @Test
  void flagsBeatTheUrlWhichBeatsTheEnvironment() {
    Map<String, String> env = Map.of("PGHOST", "nosuch.invalid", "PGPORT", "2", "PGUSER", "envuser", "PGDATABASE", "envdb");
    assertFails(status(env), "nosuch.invalid:2 database \"envdb\" as user \"envuser\"",
        "could not translate host name \"nosuch.invalid\" to an address");
    assertFails(status(env, "--url", "postgresql://urluser@127.0.0.1:3/urldb"),
        "127.0.0.1:3 database \"urldb\" as user \"urluser\"");
    assertFails(status(env, "--url", "postgresql://urluser@127.0.0.1:3/urldb", "-p", "1", "-U", "flaguser", "-d", "flagdb"),
        "127.0.0.1:1 database \"flagdb\" as user \"flaguser\"");
    assertFails(status(env, "-h", "127.0.0.1", "-p", "1"), "127.0.0.1:1 database \"envdb\" as user \"envuser\"");
  }

  @Test
  void passwordPrecedenceEnvironmentOverPassFileAndPromptOverBoth() throws IOException {
    Path passFile = tmp.resolve("pgpass");
    Files.writeString(passFile, "127.0.0.1:1:*:bob:filepw\n");
    Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = new HashMap<>(Map.of("PGPASSFILE", passFile.toString()));
    String[] flags = {"-h", "127.0.0.1", "-p", "1", "-U", "bob", "-d", "db", "-w"};
    assertFails(status(env, flags), "(password from password file " + passFile + ")");
    env.put("PGPASSWORD", "envpw");
    assertFails(status(env, flags), "(password from environment variable PGPASSWORD)");

    CliContext prompting = CliContext.of(ClientEnvironment.of(env, "osuser"), 80)
        .withPasswordPrompt(prompt -> Optional.of("typed".toCharArray()));
    CliRun r = CliRun.with(prompting, "status", spill.toString(), "-h", "127.0.0.1", "-p", "1", "-U", "bob", "-d", "db",
        "-W");
    assertFails(r, "(password from the password prompt (-W))");
    assertTrue(!r.err().contains("typed") && !r.err().contains("envpw"), "no password printed: " + r.err());
  }

  @Test
  void promptWithoutATerminalIsAUsageError() {
    CliRun r = status(Map.of(), "-h", "127.0.0.1", "-p", "1", "-W");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("-W/--password needs a terminal"), r.err());
  }

  @Test
  void aConnectionStringInBothDbnameAndUrlIsAUsageError() {
    CliRun r = status(Map.of(), "--url", "postgresql://127.0.0.1:1/a", "-d", "host=127.0.0.1 dbname=b");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("give one of them"), r.err());
  }

  @Test
  void helpIsQuestionMarkAndHostIsH() {
    CliRun r = CliRun.with(CliContext.of(ClientEnvironment.of(Map.of(), "u"), 100), "status", "-?");
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("-h, --host HOST"), r.out());
    assertTrue(r.out().contains("-?, --help"), r.out());
    assertTrue(r.out().contains("-d, --dbname DBNAME"), r.out());
  }
}
