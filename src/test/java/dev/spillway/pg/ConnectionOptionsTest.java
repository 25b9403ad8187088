package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionOptionsTest {
  private static final ClientEnvironment EMPTY = ClientEnvironment.of(Map.of(), "alice");

  private static ConnectionOptions resolve(String url, Map<String, String> env) {
    return ConnectionOptions.resolve(url, ClientEnvironment.of(env, "alice"));
  }

  @Test
  void psqlDefaultsWithNothingGiven() {
    ConnectionOptions o = ConnectionOptions.resolve(null, EMPTY);
    assertEquals(List.of(new HostPort("localhost", 5432)), o.hosts());
    assertEquals("alice", o.user());
    assertEquals("alice", o.database(), "database defaults to the user name");
    assertEquals(Optional.empty(), o.password());
    assertEquals("none", o.passwordSource());
    assertEquals("spillway", o.applicationName());
    assertEquals("jdbc:postgresql://localhost:5432/alice", o.jdbcUrl());
  }

  @Test
  void environmentVariablesFillEverything() {
    ConnectionOptions o = resolve(null, Map.of("PGHOST", "db.example", "PGPORT", "6543", "PGDATABASE", "sales",
        "PGUSER", "bob", "PGPASSWORD", "pw", "PGAPPNAME", "nightly", "PGSSLMODE", "require", "PGCONNECT_TIMEOUT", "7",
        "PGOPTIONS", "-c work_mem=64MB", "PGTARGETSESSIONATTRS", "read-write"));
    assertEquals(List.of(new HostPort("db.example", 6543)), o.hosts());
    assertEquals("sales", o.database());
    assertEquals("bob", o.user());
    assertEquals("pw", o.password().orElseThrow().reveal());
    assertEquals("environment variable PGPASSWORD", o.passwordSource());
    assertEquals("nightly", o.applicationName());
    assertEquals(Map.of("sslmode", "require", "connectTimeout", "7", "loginTimeout", "7", "options", "-c work_mem=64MB",
        "targetServerType", "primary", "tcpKeepAlive", "true", "socketFactory", GuardedSocketFactory.class.getName()),
        o.driverProperties());
  }

  @Test
  void uriPartsArePercentDecodedAndBeatTheEnvironment() {
    ConnectionOptions o = resolve("postgresql://us%40er:p%3A%2Fss%20w@db1.example:5433/my%20db%2Bx"
        + "?application_name=load%20one&sslmode=verify-full&connect_timeout=1",
        Map.of("PGUSER", "envuser", "PGDATABASE", "envdb", "PGPASSWORD", "envpw", "PGAPPNAME", "envapp", "PGHOST", "h"));
    assertEquals(List.of(new HostPort("db1.example", 5433)), o.hosts());
    assertEquals("us@er", o.user());
    assertEquals("p:/ss w", o.password().orElseThrow().reveal());
    assertEquals("the connection URL", o.passwordSource());
    assertEquals("my db+x", o.database());
    assertEquals("load one", o.applicationName());
    assertEquals("verify-full", o.driverProperties().get("sslmode"));
    assertEquals("2", o.driverProperties().get("connectTimeout"), "libpq treats 1 second as 2");
    assertEquals("jdbc:postgresql://db1.example:5433/my%20db%2Bx", o.jdbcUrl());
  }

  @Test
  void postgresSchemeMultipleHostsIpv6AndSharedPort() {
    ConnectionOptions o = resolve("postgres://h1,[::1],h3:7000/db", Map.of());
    assertEquals(List.of(new HostPort("h1", 5432), new HostPort("::1", 5432), new HostPort("h3", 7000)), o.hosts());
    assertEquals("jdbc:postgresql://h1:5432,[::1]:5432,h3:7000/db", o.jdbcUrl());
    ConnectionOptions shared = resolve(null, Map.of("PGHOST", "a,b", "PGPORT", "6000"));
    assertEquals(List.of(new HostPort("a", 6000), new HostPort("b", 6000)), shared.hosts());
  }

  @Test
  void unixSocketHostsBecomeLocalhostWithAWarning() {
    ConnectionOptions o = resolve("postgresql://%2Fvar%2Frun%2Fpostgresql/db", Map.of());
    assertEquals(List.of(new HostPort("localhost", 5432)), o.hosts());
    assertTrue(o.warnings().get(0).contains("/var/run/postgresql"), o.warnings().toString());
    ConnectionOptions empty = resolve("postgresql:///db?host=/tmp", Map.of("PGHOST", "ignored"));
    assertEquals("localhost", empty.hosts().get(0).host());
    assertEquals("db", empty.database());
  }

  @Test
  void sslTrueMeansRequireAndUserInfoWithoutPassword() {
    ConnectionOptions o = resolve("postgresql://carol@h?ssl=true", Map.of("PGPASSWORD", "envpw"));
    assertEquals("require", o.driverProperties().get("sslmode"));
    assertEquals("carol", o.user());
    assertEquals("carol", o.database());
    assertEquals("envpw", o.password().orElseThrow().reveal(), "no password in the URL: PGPASSWORD applies");
  }

  @Test
  void jdbcUrlsMapLibpqPropertiesAndPassTheRestThrough() {
    ConnectionOptions o = resolve("jdbc:postgresql://h1:5433,h2/shop?user=dave&password=s%26cret&ApplicationName=x"
        + "&defaultRowFetchSize=100&sslpassword=keypw&sslmode=disable", Map.of("PGUSER", "envuser", "PGAPPNAME", "envapp"));
    assertEquals(List.of(new HostPort("h1", 5433), new HostPort("h2", 5432)), o.hosts());
    assertEquals("shop", o.database());
    assertEquals("dave", o.user());
    assertEquals("s&cret", o.password().orElseThrow().reveal());
    assertEquals("x", o.applicationName());
    assertEquals(Map.of("defaultRowFetchSize", "100", "sslmode", "disable", "tcpKeepAlive", "true", "socketFactory",
        GuardedSocketFactory.class.getName()), o.driverProperties());
    assertEquals("keypw", o.secretDriverProperties().get("sslpassword").reveal());
    ConnectionOptions local = resolve("jdbc:postgresql:inventory", Map.of("PGHOST", "envhost"));
    assertEquals("inventory", local.database());
    assertEquals("envhost", local.hosts().get(0).host(), "a jdbc URL without host leaves the host to PGHOST");
    ConnectionOptions v6 = resolve("jdbc:postgresql://[::1]:5740/accounting", Map.of());
    assertEquals(new HostPort("::1", 5740), v6.hosts().get(0));
  }

  @Test
  void connectTimeoutFollowsLibpq() {
    assertEquals("0", resolve(null, Map.of("PGCONNECT_TIMEOUT", "-3")).driverProperties().get("connectTimeout"));
    assertEquals("30", resolve(null, Map.of("PGCONNECT_TIMEOUT", "30")).driverProperties().get("connectTimeout"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u:hunter2pw@h:notaport/db",
      "postgresql://u:hunter2pw@h:70000/db",
      "postgresql://u:hunter2pw@h/db?bogus=1",
      "postgresql://u:hunter2pw%zz@h/db",
      "postgresql://u:hunter2pw%00@h/db",
      "postgresql://u:hunter2pw@h/db?sslmode=sometimes",
      "postgresql://u:hunter2pw@h/db?connect_timeout=soon",
      "postgresql://u:hunter2pw@h/db?noequals",
      "postgresql://u:hunter2pw@[::1/db",
      "postgresql://u:hunter2pw@h1,h2,h3/db?port=1,2",
      "postgresql://u:hunter2pw@h/db?target_session_attrs=whatever",
      "jdbc:postgresql://u:hunter2pw@h/db",
      "mysql://u:hunter2pw@h/db"})
  void badUrlsFailClearlyWithoutEchoingThePassword(String url) {
    ConnectionOptionsException e = assertThrows(ConnectionOptionsException.class, () -> resolve(url, Map.of()));
    assertFalse(e.getMessage().contains("hunter2pw"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void unsupportedUrlEchoesOnlyItsScheme() {
    String password = "Z7#W";
    String m = message("pg://a:" + password + "@h/db");
    assertTrue(m.contains("scheme \"pg\""), m);
    for (char c : password.toCharArray()) {
      assertFalse(m.indexOf(c) >= 0, "password character '" + c + "' echoed: " + m);
    }
    String noScheme = message("a" + password + "@h/db");
    for (char c : password.toCharArray()) {
      assertFalse(noScheme.indexOf(c) >= 0, "password character '" + c + "' echoed: " + noScheme);
    }
  }

  @Test
  void badUrlMessagesSayWhatIsWrong() {
    assertTrue(message("postgresql://h:notaport/db").contains("invalid port number: \"notaport\""));
    assertTrue(message("postgresql://h/db?bogus=1").contains("\"bogus\""));
    assertTrue(message("postgresql://h/db?sslmode=sometimes").contains("sometimes"));
    assertTrue(message("postgresql://h1,h2,h3/db?port=1,2").contains("could not match 2 port numbers to 3 hosts"));
  }

  private static String message(String url) {
    return assertThrows(ConnectionOptionsException.class, () -> resolve(url, Map.of())).getMessage();
  }

  @Test
  void noSecretInToStringDescribeOrJdbcUrl() {
    ConnectionOptions o = resolve("jdbc:postgresql://h/db?user=u&password=TopSecret1&sslpassword=KeySecret2", Map.of());
    for (String text : List.of(o.toString(), o.describe(), o.jdbcUrl(), o.password().toString(),
        o.secretDriverProperties().toString())) {
      assertFalse(text.contains("TopSecret1") || text.contains("KeySecret2"), text);
    }
    assertEquals("TopSecret1", o.toDriverProperties().getProperty("password"));
    assertEquals("KeySecret2", o.toDriverProperties().getProperty("sslpassword"));
    assertTrue(o.toString().contains("password from the connection URL"), o.toString());
  }

  @Test
  void withApplicationNameKeepsEverythingElse() {
    ConnectionOptions o = resolve("postgresql://u:pw@h:1/db?sslmode=require", Map.of());
    ConnectionOptions renamed = o.withApplicationName("spillway lock");
    assertEquals("spillway lock", renamed.applicationName());
    assertEquals(o.hosts(), renamed.hosts());
    assertEquals(o.password(), renamed.password());
    assertEquals(o.driverProperties(), renamed.driverProperties());
  }
}
