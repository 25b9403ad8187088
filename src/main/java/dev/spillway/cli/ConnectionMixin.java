package dev.spillway.cli;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --url}: where to connect, like psql. Shared by every command that talks to the database
 * ({@code load}, {@code status}, {@code run}, {@code spill --url}).
 */
public final class ConnectionMixin {
  @Option(names = "--url", paramLabel = "URL", description = {
      "postgresql://user@host:port/db?... or jdbc:postgresql://host:port/db?...; anything not given comes from"
          + " PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGPASSFILE (~/.pgpass) and PGSERVICE, with psql's"
          + " defaults. A password is never printed."})
  String url;

  /** The URL as given, or null for "environment only". */
  public String url() {
    return url;
  }

  /**
   * Resolves the settings against the process environment and prints their warnings to {@code err}.
   *
   * @throws dev.spillway.pg.ConnectionOptionsException a malformed URL or service (exit code 2)
   */
  public ConnectionFactory connectionFactory(PrintWriter err) {
    ConnectionOptions options = ConnectionOptions.resolve(url, ClientEnvironment.ofSystem());
    options.warnings().forEach(w -> err.println("spillway: warning: " + w));
    err.flush();
    return new ConnectionFactory(options);
  }
}
