package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything outside the command line that decides where a connection goes, as libpq would see it:
 * the environment variables ({@code PGHOST}, {@code PGPASSFILE}, ...), the home directory
 * ({@code ~/.pgpass}, {@code ~/.pg_service.conf}), the operating-system user (default role name) and
 * the compiled-in system configuration directory (where {@code pg_service.conf} lives when
 * {@code PGSYSCONFDIR} is not set). Passed in, so tests drive resolution with a plain map.
 *
 * @param variables              environment variables; an empty value counts as unset
 * @param homeDirectory          the user's home directory, if known
 * @param osUser                 operating-system user name, the default role
 * @param systemConfigDirectory  libpq's compiled-in sysconfdir, if any
 */
public record ClientEnvironment(
    Map<String, String> variables, Optional<Path> homeDirectory, String osUser, Optional<Path> systemConfigDirectory) {

  /** Debian/Ubuntu's libpq sysconfdir. */
  static final Path DEBIAN_SYSCONFDIR = Path.of("/etc/postgresql-common");

  public ClientEnvironment {
    variables = Map.copyOf(variables);
    checkArgument(osUser != null && !osUser.isEmpty(), "osUser is empty");
  }

  /** A test environment: the given variables, no home directory, no system config directory. */
  public static ClientEnvironment of(Map<String, String> variables, String osUser) {
    return new ClientEnvironment(variables, Optional.empty(), osUser, Optional.empty());
  }

  /** The real process environment; the only place that reads {@code System.getenv}. */
  public static ClientEnvironment ofSystem() {
    String home = System.getProperty("user.home");
    return new ClientEnvironment(System.getenv(),
        home == null || home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home)),
        System.getProperty("user.name", "postgres"),
        Files.isDirectory(DEBIAN_SYSCONFDIR) ? Optional.of(DEBIAN_SYSCONFDIR) : Optional.empty());
  }

  /** A variable's value, empty when unset or set to the empty string (as libpq treats most of them). */
  public Optional<String> get(String name) {
    String v = variables.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  @Override
  public String toString() {
    return "ClientEnvironment[" + variables.size() + " variables, home=" + homeDirectory.orElse(null)
        + ", osUser=" + osUser + ", sysconfdir=" + systemConfigDirectory.orElse(null) + "]";
  }
}
