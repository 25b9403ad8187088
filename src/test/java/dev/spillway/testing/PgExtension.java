package dev.spillway.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one place tests get a real PostgreSQL. Resolution order, once per test JVM:
 * <ol>
 *   <li>{@code SPILLWAY_TEST_URL} (a {@code jdbc:postgresql:} URL, credentials in it or in
 *       {@code SPILLWAY_TEST_USER}/{@code SPILLWAY_TEST_PASSWORD}) if set;
 *   <li>{@code 127.0.0.1:5432}, user {@code postgres}, database {@code test}, if the port answers;
 *   <li>a Testcontainers {@code postgres:15} when Docker is available;
 *   <li>otherwise the test fails with a message saying how to provide one. Never skipped.
 * </ol>
 * Each test method gets a fresh schema (a {@link TestDatabase} parameter) that is dropped after it.
 * Use with {@code @ExtendWith(PgExtension.class)}.
 */
public final class PgExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final Namespace NS = Namespace.create(PgExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Server server = server(context);
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    context.getStore(NS).put("db", new TestDatabase(server.jdbcUrl, server.user, server.password, schema));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    TestDatabase db = context.getStore(NS).remove("db", TestDatabase.class);
    if (db != null) {
      try (Connection c = db.connectAdmin(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + db.schema() + " CASCADE");
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    TestDatabase db = ec.getStore(NS).get("db", TestDatabase.class);
    if (db == null) {
      throw new ParameterResolutionException("TestDatabase is available in test methods only (not @BeforeAll)");
    }
    return db;
  }

  private static Server server(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> resolve(), Server.class);
  }

  private static Server resolve() {
    String url = System.getenv("SPILLWAY_TEST_URL");
    if (url != null && !url.isBlank()) {
      return Server.checked(url, envOr("SPILLWAY_TEST_USER", "postgres"), envOr("SPILLWAY_TEST_PASSWORD", ""), "SPILLWAY_TEST_URL");
    }
    if (answers("127.0.0.1", 5432)) {
      return Server.checked("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "local 127.0.0.1:5432");
    }
    if (dockerPresent()) {
      PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15").withDatabaseName("test");
      pg.start();
      Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
      return Server.checked(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "Testcontainers");
    }
    throw new IllegalStateException(
        "No PostgreSQL for tests. Provide one of: SPILLWAY_TEST_URL=jdbc:postgresql://host:port/db "
            + "(with SPILLWAY_TEST_USER/SPILLWAY_TEST_PASSWORD); a server on 127.0.0.1:5432 with user postgres "
            + "and database test (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start); "
            + "or a running Docker for Testcontainers.");
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null ? dflt : v;
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static boolean dockerPresent() {
    if (!Files.exists(Path.of("/var/run/docker.sock")) && System.getenv("DOCKER_HOST") == null) {
      return false;
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A resolved server, checked once by connecting. */
  private record Server(String jdbcUrl, String user, String password) {
    static Server checked(String jdbcUrl, String user, String password, String source) {
      Server s = new Server(jdbcUrl, user, password);
      try (Connection c = s.connect()) {
        return s;
      } catch (SQLException e) {
        throw new IllegalStateException("test PostgreSQL from " + source + " (" + jdbcUrl + ", user " + user
            + ") does not accept connections: " + e.getMessage(), e);
      }
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }
  }
}
