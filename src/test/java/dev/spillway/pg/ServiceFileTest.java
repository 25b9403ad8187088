package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceFileTest {
  @TempDir
  Path dir;

  private Path userFile() throws IOException {
    return Files.writeString(dir.resolve("user_service.conf"), """
        # my services
        [other]
        host=wrong

          [warehouse]
        host=dw.example
        port=6432
        dbname=dw
        user=loader
        password=svc-secret
        application_name=from-service
        [after]
        host=also-wrong
        """);
  }

  @Test
  void serviceFromEnvironmentFillsWhatTheUrlLeavesOpen() throws IOException {
    Map<String, String> env = Map.of("PGSERVICE", "warehouse", "PGSERVICEFILE", userFile().toString(),
        "PGHOST", "env-host", "PGUSER", "env-user");
    ConnectionOptions o = ConnectionOptions.resolve("postgresql://url-user@/", ClientEnvironment.of(env, "alice"));
    assertEquals(List.of(new HostPort("dw.example", 6432)), o.hosts(), "service beats PGHOST");
    assertEquals("url-user", o.user(), "URL beats service");
    assertEquals("dw", o.database());
    assertEquals("svc-secret", o.password().orElseThrow().reveal());
    assertTrue(o.passwordSource().startsWith("service \"warehouse\" in "), o.passwordSource());
    assertEquals("from-service", o.applicationName());
  }

  @Test
  void serviceNamedInUrlAndFoundInSysconfdir() throws IOException {
    Path sys = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(sys.resolve("pg_service.conf"), "[reports]\nhost=reports.example\ndbname=rep\n");
    Map<String, String> env = Map.of("PGSERVICEFILE", userFile().toString(), "PGSYSCONFDIR", sys.toString());
    ConnectionOptions o = ConnectionOptions.resolve("postgresql://?service=reports", ClientEnvironment.of(env, "alice"));
    assertEquals("reports.example", o.hosts().get(0).host());
    assertEquals("rep", o.database());
    ConnectionOptions viaJdbc = ConnectionOptions.resolve("jdbc:postgresql://?service=reports", ClientEnvironment.of(env, "alice"));
    assertEquals("reports.example", viaJdbc.hosts().get(0).host());
  }

  @Test
  void homeServiceFileAndCompiledSysconfdir() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve(".pg_service.conf"), "[mine]\nhost=home.example\n");
    Path sys = Files.createDirectories(dir.resolve("sys"));
    Files.writeString(sys.resolve("pg_service.conf"), "[theirs]\nhost=sys.example\n");
    ClientEnvironment env = new ClientEnvironment(Map.of(), Optional.of(home), "alice", Optional.of(sys));
    assertEquals("home.example", ConnectionOptions.resolve("postgresql://?service=mine", env).hosts().get(0).host());
    assertEquals("sys.example", ConnectionOptions.resolve("postgresql://?service=theirs", env).hosts().get(0).host());
  }

  @Test
  void unknownServiceIsAnErrorNamingTheFilesSearched() throws IOException {
    Path file = userFile();
    ConnectionOptionsException e = assertThrows(ConnectionOptionsException.class, () -> ConnectionOptions.resolve(null,
        ClientEnvironment.of(Map.of("PGSERVICE", "nope", "PGSERVICEFILE", file.toString()), "alice")));
    assertTrue(e.getMessage().contains("definition of service \"nope\" not found"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void syntaxErrorsNameFileAndLineButNeverTheValues() throws IOException {
    Path nested = Files.writeString(dir.resolve("nested.conf"), "[a]\nservice=b\n");
    Path bogus = Files.writeString(dir.resolve("bogus.conf"), "[a]\npassword=TopSecret\nbogus=1\n");
    Path noEquals = Files.writeString(dir.resolve("noeq.conf"), "[a]\n\nhost\n");
    assertTrue(serviceError(nested).contains("nested service"));
    String bogusMessage = serviceError(bogus);
    assertTrue(bogusMessage.contains("\"bogus\"") && bogusMessage.contains("line 3"), bogusMessage);
    assertFalse(bogusMessage.contains("TopSecret"));
    assertTrue(serviceError(noEquals).contains("line 3"));
  }

  private static String serviceError(Path file) {
    return assertThrows(ConnectionOptionsException.class, () -> ConnectionOptions.resolve("postgresql://?service=a",
        ClientEnvironment.of(Map.of("PGSERVICEFILE", file.toString()), "alice"))).getMessage();
  }
}
