package dev.spillway.cli;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionFlags;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.pg.Password;
import dev.spillway.pg.PgConnectException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where to connect, with psql's options: {@code --url}, {@code -h}, {@code -p}, {@code -U}, {@code -d},
 * {@code -w}, {@code -W}. Shared by every command that talks to the database ({@code load},
 * {@code status}, {@code run}, {@code spill --incremental}). Precedence: {@link ConnectionOptions#fromFlags(ConnectionFlags,
 * dev.spillway.pg.ClientEnvironment)}.
 */
public final class ConnectionMixin {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--url", paramLabel = "URL", description = "Where to connect: a postgresql:// URI, a jdbc:postgresql:"
      + " URL or keyword/value conninfo as in psql ('host=... port=... dbname=... user=... sslmode=...'). -h, -p, -U and"
      + " -d override its parts; anything given nowhere comes from PGHOST, PGPORT,"
      + " PGDATABASE, PGUSER, PGPASSWORD, PGPASSFILE (~/.pgpass) and PGSERVICE, with psql's defaults. A password is"
      + " never printed.")
  String url;

  @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Database server host (default: PGHOST, else localhost).")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Database server port (default: PGPORT, else 5432).")
  String port;

  @Option(names = {"-U", "--username"}, paramLabel = "USER", description = "Database user name (default: PGUSER, else"
      + " the operating-system user).")
  String username;

  @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME", description = "Database name (default: PGDATABASE, else the"
      + " user name); as in psql it may also be a postgresql:// URI or a conninfo string (then not together with --url).")
  String dbname;

  @Option(names = {"-w", "--no-password"}, description = "Never prompt for a password: fail if the server asks for one"
      + " and none is in the URL, PGPASSWORD or the password file.")
  boolean noPassword;

  @Option(names = {"-W", "--password"}, description = "Prompt for the password (not echoed) before connecting.")
  boolean passwordPrompt;

  /** {@code --url} as given, or null (kept for callers that only pass a URL on). */
  public String url() {
    return url;
  }

  /** True when any connection option was given. */
  boolean given() {
    return url != null || host != null || port != null || username != null || dbname != null || passwordPrompt
        || noPassword;
  }

  /** True when {@code --url} is the only connection option given. */
  boolean onlyUrl() {
    return url != null && host == null && port == null && username == null && dbname == null && !passwordPrompt
        && !noPassword;
  }

  /** The flags as given, before the environment is consulted. */
  ConnectionFlags flags() {
    return ConnectionFlags.NONE.withUrl(url).withHost(host).withPort(port).withUser(username).withDbname(dbname);
  }

  /**
   * Resolves the settings against the context's environment and prints their warnings to {@code err}.
   * With {@code -W} asks for the password first; without {@code -w}, on a terminal, with no password
   * found, opens one connection to see whether the server wants one and asks then (as psql does).
   *
   * @throws dev.spillway.pg.ConnectionOptionsException a malformed URL or service (exit code 2)
   */
  public ConnectionFactory connectionFactory(PrintWriter err) {
    CliContext context = CliContexts.of(mixee);
    ConnectionFlags flags = flags();
    ConnectionOptions options = ConnectionOptions.fromFlags(flags, context.client());
    if (passwordPrompt) {
      options = ConnectionOptions.fromFlags(flags.withPassword(ask(context, options)), context.client());
    }
    options.warnings().forEach(w -> err.println("spillway: warning: " + w));
    err.flush();
    ConnectionFactory factory = new ConnectionFactory(options);
    if (!passwordPrompt && !noPassword && options.password().isEmpty() && context.stderrTerminal()) {
      factory = probe(factory, flags, context);
    }
    return factory;
  }

  /** Connects once; when the server wants a password we do not have, asks for it and resolves again. */
  private ConnectionFactory probe(ConnectionFactory factory, ConnectionFlags flags, CliContext context) {
    try (Connection c = factory.open()) {
      return factory;
    } catch (PgConnectException e) {
      if (!e.passwordRequired()) {
        throw e;
      }
      return new ConnectionFactory(ConnectionOptions.fromFlags(flags.withPassword(ask(context, factory.options())),
          context.client()));
    } catch (SQLException e) {
      return factory; // closing the probe failed: the connection worked, which is all it asked
    }
  }

  private Password ask(CliContext context, ConnectionOptions options) {
    Optional<char[]> typed = context.passwordPrompt().apply("Password for user " + options.user() + ": ");
    if (typed.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "-W/--password needs a terminal to ask on;"
          + " set PGPASSWORD or use a password file instead");
    }
    try {
      if (typed.get().length == 0) {
        throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "no password typed at the prompt");
      }
      return Password.of(new String(typed.get()));
    } finally {
      Arrays.fill(typed.get(), '\0');
    }
  }
}
