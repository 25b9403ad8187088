package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassFileTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "[{index}] {0} vs {1}:{2}:{3}:{4}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "h:5432:db:u:pw          | h | 5432 | db | u | pw",
      "*:*:*:*:any             | h | 1    | d  | x | any",
      "h:*:db:*:star           | h | 9    | db | z | star",
      "h:5432:db:u:pw          | h | 5433 | db | u | NONE",
      "h:5432:db:u:pw          | H | 5432 | db | u | NONE",
      "a\\:b:5432:db:u:esc     | a:b | 5432 | db | u | esc",
      "h:5432:d\\\\b:u:bs      | h | 5432 | d\\b | u | bs",
      "h:5432:\\*:u:lit        | h | 5432 | x  | u | NONE",
      "h:5432:\\*:u:lit        | h | 5432 | *  | u | lit",
      "h:5432:db:u:p\\:w\\\\d  | h | 5432 | db | u | p:w\\d",
      "h:5432:db:u:pw:extra    | h | 5432 | db | u | pw",
      "h:5432:db:u             | h | 5432 | db | u | NONE",
      "h:5432:db:u:            | h | 5432 | db | u | NONE",
      "hh:5432:db:u:pw         | h | 5432 | db | u | NONE",
      "h:5432:db:us:pw         | h | 5432 | db | u | NONE"})
  void matchesLikeLibpq(String line, String host, String port, String db, String user, String expected) {
    assertEquals(Optional.ofNullable(expected), PassFile.match(line.strip(), host, port, db, user));
  }

  @Test
  void firstMatchWinsCommentsSkippedSocketMeansLocalhost() throws IOException {
    Path file = write("""
        # comment: h:5432:db:u:commented
        other:5432:db:u:nope
        localhost:5432:db:u:first\r
        *:*:*:*:second
        """, "rw-------");
    List<String> warnings = new ArrayList<>();
    assertEquals(Optional.of("first"), PassFile.lookup(file, "/var/run/postgresql", "", "db", "u", warnings));
    assertEquals(Optional.of("first"), PassFile.lookup(file, "", "5432", "db", "u", warnings));
    assertEquals(Optional.of("second"), PassFile.lookup(file, "elsewhere", "1", "x", "y", warnings));
    assertEquals(List.of(), warnings);
  }

  @Test
  void groupReadableFileIsIgnoredWithAWarning() throws IOException {
    Path file = write("*:*:*:*:pw\n", "rw-r-----");
    List<String> warnings = new ArrayList<>();
    assertEquals(Optional.empty(), PassFile.lookup(file, "h", "5432", "db", "u", warnings));
    assertTrue(warnings.get(0).contains("group or world access"), warnings.toString());
  }

  @Test
  void directoryIsNotAPasswordFile() throws IOException {
    List<String> warnings = new ArrayList<>();
    assertEquals(Optional.empty(), PassFile.lookup(dir, "h", "5432", "db", "u", warnings));
    assertTrue(warnings.get(0).contains("not a plain file"), warnings.toString());
  }

  @Test
  void resolverUsesPgpassOnlyWhenNoPasswordWasGiven() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "db.example:5432:sales:bob:from-home-pgpass\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    ClientEnvironment env = new ClientEnvironment(Map.of("PGUSER", "bob"), Optional.of(home), "alice", Optional.empty());

    ConnectionOptions fromFile = ConnectionOptions.resolve("postgresql://db.example/sales", env);
    assertEquals("from-home-pgpass", fromFile.password().orElseThrow().reveal());
    assertEquals("password file " + pgpass, fromFile.passwordSource());

    ConnectionOptions fromUrl = ConnectionOptions.resolve("postgresql://:urlpw@db.example/sales", env);
    assertEquals("urlpw", fromUrl.password().orElseThrow().reveal());

    ClientEnvironment withPgpassword = new ClientEnvironment(Map.of("PGUSER", "bob", "PGPASSWORD", "envpw"),
        Optional.of(home), "alice", Optional.empty());
    assertEquals("envpw", ConnectionOptions.resolve("postgresql://db.example/sales", withPgpassword)
        .password().orElseThrow().reveal());
  }

  @Test
  void pgpassfileAndPassfileKeywordAndSecondHost() throws IOException {
    Path file = write("second:6000:db:u:for-second\n", "rw-------");
    Path other = write("*:*:*:*:keyword-file\n", "rw-------");
    ConnectionOptions viaEnv = ConnectionOptions.resolve("postgresql://u@first:5000,second:6000/db",
        ClientEnvironment.of(Map.of("PGPASSFILE", file.toString()), "alice"));
    assertEquals("for-second", viaEnv.password().orElseThrow().reveal(), "first host has no entry, second has");
    ConnectionOptions viaKeyword = ConnectionOptions.resolve("postgresql://u@first/db?passfile=" + other,
        ClientEnvironment.of(Map.of("PGPASSFILE", file.toString()), "alice"));
    assertEquals("keyword-file", viaKeyword.password().orElseThrow().reveal());
  }

  private int files;

  private Path write(String content, String perms) throws IOException {
    Path file = dir.resolve("pgpass" + files++);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }
}
