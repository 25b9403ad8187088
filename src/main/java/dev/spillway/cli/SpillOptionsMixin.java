package dev.spillway.cli;

import dev.spillway.segment.Compression;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillProgress;
import dev.spillway.spill.SpillServices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of stage one shared by {@code spillway spill} and {@code spillway run}, and what they build. */
public final class SpillOptionsMixin {
  @Option(names = "--segment-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = SegmentSizeConverter.class,
      description = "Largest segment file, at least 1MiB, e.g. 64MiB, 1GiB, 2000000 (default: ${DEFAULT-VALUE}).")
  long segmentBytes;

  @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "unlimited", converter = RejectLimitConverter.class,
      description = "Stop with exit code 3 after more than N rejected source records (a record counts once, "
          + "however many of its rows failed); 0 makes any reject fatal "
          + "(default: ${DEFAULT-VALUE}).")
  long maxRejects;

  @Option(names = "--compress", paramLabel = "none|zstd", defaultValue = "none", converter = CompressionConverter.class,
      description = "Store sealed segments compressed: none or zstd (default: ${DEFAULT-VALUE}). "
          + "load, verify, cat and inspect read them transparently; plain psql needs `spillway cat --format binary`.")
  Compression compression;

  @Option(names = "--id-map-heap", paramLabel = "SIZE|auto", defaultValue = "auto", converter = IdMapHeapConverter.class,
      description = "Heap that the id maps together may keep natural keys in before moving them into their "
          + "off-heap map files: small tables never leave it, which is faster; 0 keeps every key in the files; "
          + "auto is a quarter of the maximum heap (-Xmx, JAVA_OPTS) (default: ${DEFAULT-VALUE}). "
          + "Never changes an id or a byte of the output.")
  long idMapHeapBytes;

  /** The sealed options for a spill of {@code plan} into {@code out}. */
  SpillOptions options(Path plan, Path out, boolean force) {
    return SpillOptions.of(plan, out).withMaxSegmentBytes(segmentBytes).withMaxRejects(maxRejects).withForce(force)
        .withIdMapHeapBytes(IdMapHeapConverter.resolve(idMapHeapBytes, Runtime.getRuntime().maxMemory()));
  }

  /** Services showing progress on {@code progress} (none when empty) and printing warnings on {@code err} always. */
  SpillServices services(PrintWriter err, Optional<ProgressOutput> progress) {
    SpillProgress shown = progress.<SpillProgress>map(SpillProgressView::new).orElse(SpillProgress.NONE);
    return SpillServices.defaults(VersionProvider.version()).withProgress(shown)
        .withSegmentWriters(SegmentWriterFactory.of(compression))
        .withWarnings(message -> ProgressOutput.warn(progress, err, message));
  }
}
