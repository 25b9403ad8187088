package dev.spillway.cli;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.spill.OutputDirectoryException;
import dev.spillway.spill.PlainProgress;
import dev.spillway.spill.Spill;
import dev.spillway.segment.Compression;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillProgress;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import dev.spillway.spill.SummaryTable;
import dev.spillway.spill.TerminalProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillway spill}: stage one (see {@link Spill}). Prints progress on stderr (a bar on a
 * terminal, a line every 10 seconds otherwise, nothing with {@code --quiet}) and the summary table
 * on stdout. {@code --compress zstd} stores sealed segments compressed (spill-format.md).
 */
@Command(name = "spill", mixinStandardHelpOptions = true,
    description = {"Stage one: read the plan's CSV/TSV sources, resolve natural keys to ids and write a sealed "
        + "spill directory (segments, manifest.json, id maps, rejects.csv)."})
final class SpillCommand implements Callable<Integer> {
  static final long PLAIN_PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan file (YAML).")
  Path plan;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The spill directory to create.")
  Path out;

  @Option(names = "--segment-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = SegmentSizeConverter.class,
      description = "Largest segment file, at least 1MiB, e.g. 64MiB, 1GiB, 2000000 (default: ${DEFAULT-VALUE}).")
  long segmentBytes;

  @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "unlimited", converter = RejectLimitConverter.class,
      description = "Stop with exit code 3 after more than N rejected rows; 0 makes any reject fatal "
          + "(default: ${DEFAULT-VALUE}).")
  long maxRejects;

  @Option(names = "--compress", paramLabel = "none|zstd", defaultValue = "none", converter = CompressionConverter.class,
      description = "Store sealed segments compressed: none or zstd (default: ${DEFAULT-VALUE}). "
          + "load, verify, cat and inspect read them transparently; plain psql needs `spillway cat --format binary`.")
  Compression compression;

  @Option(names = "--force", description = "Replace an existing spill directory at DIR.")
  boolean force;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
  boolean quiet;

  @Option(names = "--url", paramLabel = "URL", description = "Target database (postgresql:// URI or jdbc:postgresql: "
      + "URL): seed the id maps from its rows for an incremental load.")
  String url;

  @Override
  public Integer call() {
    SpillOptions options = SpillOptions.of(plan, out).withMaxSegmentBytes(segmentBytes).withMaxRejects(maxRejects)
        .withForce(force);
    SpillServices services = SpillServices.defaults(VersionProvider.version()).withProgress(progress())
        .withSegmentWriters(SegmentWriterFactory.of(compression)).withWarnings(this::warn);
    if (url != null) {
      ConnectionOptions connection = ConnectionOptions.resolve(url, ClientEnvironment.ofSystem())
          .withApplicationName("spillway spill");
      connection.warnings().forEach(w -> spec.commandLine().getErr().println("spillway: " + w));
      services = services.withExistingRows(new PgExistingRows(new ConnectionFactory(connection)));
    }
    SpillResult result;
    try {
      result = new Spill(options, services).run();
    } catch (OutputDirectoryException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    spec.commandLine().getOut().print(SummaryTable.render(result));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /** A warning on stderr, also with --quiet. */
  private void warn(String message) {
    spec.commandLine().getErr().println("spillway: warning: " + message);
    spec.commandLine().getErr().flush();
  }

  private SpillProgress progress() {
    if (quiet) {
      return SpillProgress.NONE;
    }
    if (System.console() != null) {
      return new TerminalProgress(System.err, System::nanoTime);
    }
    return new PlainProgress(spec.commandLine().getErr(), System::nanoTime, PLAIN_PROGRESS_INTERVAL_NANOS);
  }
}
