package dev.spillway.spill;

import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;

/**
 * Stage one: turns a plan's sources (CSV, TSV, PostgreSQL text, JSON lines; files or standard input)
 * into a sealed spill directory (spill-format.md).
 *
 * <p>Steps: load and validate the plan; match the source files and check their headers; check every
 * constant against its column's type ({@link PlanConstants}); connect to the database once if
 * there is one (all before anything is written, so a bad plan, input or URL leaves an existing
 * spill at {@code --out} untouched, even with {@code --force}); lock and prepare {@code --out}
 * ({@link OutputDirectory}; the lock is held until the run ends, so two runs never share a
 * directory); copy the plan to {@code plan.yaml}; publish the open manifest, tables in load order; open each table's id map and
 * segment writer; seed from the database if there is one; read the sources in plan order, files in
 * match order ({@link FileSpiller}), parking records whose refs are not decided yet; decide the
 * parked records ({@link Resolution}); write the rows created by refs that never got their real row;
 * seal the last segments; close rejects.csv and the id maps; publish the manifest as complete.
 *
 * <p>On failure (including {@link RejectLimitException} and {@link InputErrorException}) unsealed
 * segments are removed, the id maps closed, and the manifest republished with the counters so far
 * and state {@code open}: the directory cannot be loaded, but its rejects and counters can be read.
 * A plan with a source fed from code ({@code name:} without {@code file:}) is refused: only the
 * library ({@link CodeSpiller}) can feed it. The run itself is a {@link SpillSession}.
 * One run per instance. Records are parsed on a second thread ({@code input.ReadAheadSource}, unless
 * {@link SpillOptions#readAheadRecords()} is 0); everything else runs on the calling thread.
 */
public final class Spill {
  /** Initial estimate of an encoded natural key's size; maps resize to the observed average as they grow. */
  static final int AVERAGE_KEY_BYTES = 24;

  private final SpillOptions options;
  private final SpillServices services;

  public Spill(SpillOptions options, SpillServices services) {
    this.options = Objects.requireNonNull(options, "options");
    this.services = Objects.requireNonNull(services, "services");
  }

  /** Runs stage one; see the class comment. */
  public SpillResult run() {
    Plan plan = Plan.load(options.planFile());
    refuseSourcesFedFromCode(plan);
    SpillSession session = SpillSession.start(plan, planText(), options, services);
    return session.finish();
  }

  /** Sources with {@code name:} and no {@code file:} have no files to read: only the library can feed them. */
  private static void refuseSourcesFedFromCode(Plan plan) {
    List<String> problems = SpillSession.codeSources(plan).stream()
        .map(s -> s.yamlPath() + ": source '" + s.name() + "' has no file: it is fed from code by the Java library "
            + "(dev.spillway.api.Spillway.spill); the command line reads sources from files only")
        .toList();
    if (!problems.isEmpty()) {
      throw new PlanException(plan.planFile().toString(), problems);
    }
  }

  private byte[] planText() {
    try {
      return Files.readAllBytes(options.planFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the plan " + options.planFile() + ": " + e.getMessage(), e);
    }
  }
}
