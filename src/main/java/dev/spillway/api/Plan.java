package dev.spillway.api;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, fully validated plan: the tables, their keys and refs, and the sources that feed them.
 * Read from YAML ({@link #load}, {@link #parse}) or built in code ({@link #builder()}); both are
 * checked by the same validation, which throws one exception listing every problem with its YAML
 * path ({@code sources[0].emit[1].values.name: ...}). Immutable and thread-safe.
 *
 * <p>A source with {@code name:} and no {@code file:} is <b>fed from code</b>: its records come
 * from {@link SpillWriter#record} calls, never from files. The {@code spillway} command line
 * refuses a plan with such a source; this library accepts both kinds in one plan (file sources are
 * read when the writer opens, before any record from code).
 */
public final class Plan {
  /** the validated plan. */
  private final dev.spillway.plan.Plan spec;
  /** the YAML it was read from or rendered to: the spill's {@code plan.yaml}. */
  private final String yaml;

  private Plan(dev.spillway.plan.Plan spec, String yaml) {
    this.spec = spec;
    this.yaml = yaml;
  }

  /**
   * Reads and validates a plan file (UTF-8); file patterns of its sources are relative to its directory.
   *
   * @throws RuntimeException (a {@code PlanException}) listing every problem; {@link UncheckedIOException} when unreadable
   */
  public static Plan load(Path planFile) {
    Objects.requireNonNull(planFile, "planFile");
    dev.spillway.plan.Plan spec = dev.spillway.plan.Plan.load(planFile);
    try {
      return new Plan(spec, Files.readString(planFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plan file " + planFile + ": " + IoErrors.describe(e), e);
    }
  }

  /**
   * Parses and validates plan YAML; {@code planFile} names it in messages and anchors relative file
   * patterns (it need not exist).
   */
  public static Plan parse(String yaml, Path planFile) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(planFile, "planFile");
    return new Plan(dev.spillway.plan.Plan.parse(yaml, planFile), yaml);
  }

  /** A builder for a plan in code; see {@link PlanBuilder}. */
  public static PlanBuilder builder() {
    return new PlanBuilder();
  }

  /** The plan as YAML: the text it was read from, or the rendering of a built plan. */
  public String yaml() {
    return yaml;
  }

  /** The target schema ({@code public} when the plan names none). */
  public String schema() {
    return spec.schema();
  }

  /** The tables' names, in declaration order. */
  public List<String> tableNames() {
    return spec.tables().stream().map(t -> t.name()).toList();
  }

  /** The names of the sources fed from code, in plan order: what {@link SpillWriter#record} accepts. */
  public List<String> sourcesFedFromCode() {
    return spec.sources().stream().filter(s -> s.fedFromCode()).map(s -> s.name()).toList();
  }

  /** The internal plan, for the writers of this package. */
  dev.spillway.plan.Plan spec() {
    return spec;
  }

  /** The plan text as the spill's {@code plan.yaml} holds it. */
  byte[] yamlBytes() {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Plan[" + spec.planFile() + ", tables " + tableNames() + "]";
  }
}
