package dev.spillway.spill;

import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestSource;
import dev.spillway.segment.SourceFingerprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a spill still describes its plan's input files (for {@code spillway run}, which reuses a
 * complete spill of the same plan): the files the plan matches now, by name and in order, against
 * the manifest's {@code sources}, and each file's {@link SourceFingerprint} against the recorded
 * one. Stateless.
 */
public final class SourceChanges {
  private SourceChanges() {}

  /**
   * @return the first difference, for a message naming the file ({@code "data/p.csv changed: now
   *     ..."}); empty when the inputs are those spilled, or when the manifest has no fingerprints
   *     (written by an earlier spillway: see {@link #fingerprinted})
   */
  public static Optional<String> since(Path planFile, Manifest manifest) {
    Plan plan = Plan.load(planFile);
    List<SourceFile> now = SourceFile.list(plan, plan.matchSourceFiles());
    List<ManifestSource> then = manifest.sources();
    List<String> names = new ArrayList<>();
    now.forEach(f -> names.add(f.displayName()));
    for (ManifestSource s : then) {
      if (!names.contains(s.file())) {
        return Optional.of("input file " + s.file() + " is gone (the plan no longer matches it)");
      }
    }
    for (int i = 0; i < now.size(); i++) {
      SourceFile f = now.get(i);
      ManifestSource recorded = then.stream().filter(s -> s.file().equals(f.displayName())).findFirst().orElse(null);
      if (recorded == null) {
        return Optional.of("input file " + f.displayName() + " is new (the plan matches it now, the spill did not read it)");
      }
      if (f.file().equals(SourceSpec.STDIN)) {
        return Optional.of("the plan reads standard input, which cannot be compared with what was spilled");
      }
      if (recorded.fingerprint() == null) {
        continue;
      }
      String difference = SourceFingerprint.of(f.file()).differenceFrom(recorded.fingerprint());
      if (!difference.isEmpty()) {
        return Optional.of("input file " + f.displayName() + " changed since it was spilled (" + difference + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * The plan's input files as stage one would read them now, one line each: display name and
   * {@link SourceFingerprint}, in read order; empty when a source reads standard input (nothing to
   * fingerprint). Two spills of the same plan bytes with the same lines read the same bytes, but for
   * a change the fingerprint's sample misses (same size and time), which a loader then finds as
   * progress rows whose CRC32C differs from the segment's.
   */
  public static Optional<List<String>> fingerprints(Path planFile) {
    Plan plan = Plan.load(planFile);
    List<String> lines = new ArrayList<>();
    for (SourceFile f : SourceFile.list(plan, plan.matchSourceFiles())) {
      if (f.file().equals(SourceSpec.STDIN)) {
        return Optional.empty();
      }
      lines.add(f.displayName() + " " + SourceFingerprint.of(f.file()));
    }
    return Optional.of(lines);
  }

  /** Whether every source of the manifest has a fingerprint to compare. */
  public static boolean fingerprinted(Manifest manifest) {
    return manifest.sources().stream().allMatch(s -> s.fingerprint() != null);
  }
}
