package dev.spillway.cli;

import dev.spillway.pg.ConnectionFactory;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --stall-timeout}: how long a connection may go without a byte moving. Shared by load, run and status. */
public final class StallTimeoutMixin {
  /** The default: well above any pause of a server doing a segment's work, well below "forever". */
  static final String DEFAULT = "5m";

  @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = DEFAULT, converter = DurationConverter.class,
      description = "Give up on a connection when the server sends nothing (or accepts no data) for this long during"
          + " start-up, a query, a segment's COPY or its COMMIT: exit 5 naming the server; committed segments stay and"
          + " the same command resumes. Index rebuilds and ANALYZE after a table's last segment are not limited."
          + " e.g. 20s, 10m, 1h; 0 for no limit (default: ${DEFAULT-VALUE}).")
  Duration stallTimeout;

  ConnectionFactory apply(ConnectionFactory factory) {
    return factory.withStallTimeout(stallTimeout);
  }
}
