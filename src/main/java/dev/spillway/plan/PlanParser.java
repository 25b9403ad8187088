package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlScalar;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns plan YAML into a {@link Plan}: reads the tree, parses tables and sources, runs the
 * semantic checks, and either builds the immutable records or throws one {@link PlanException}
 * with every problem found.
 */
final class PlanParser {
  private static final List<String> ROOT_FIELDS = List.of("version", "schema", TimeZoneSetting.FIELD, "tables", "sources");
  static final int SUPPORTED_VERSION = 1;

  private final Path planFile;
  private final Problems problems = new Problems();

  PlanParser(Path planFile) {
    this.planFile = planFile;
  }

  Plan parse(String yamlText) {
    YamlNode root = new YamlTreeReader(problems).read(yamlText);
    MapReader r = root == null ? null : MapReader.of(root, "", problems, ROOT_FIELDS);
    if (r == null) {
      problems.throwIfAny(planFile.toString());
      throw new IllegalStateException("unreadable plan without a reported problem");
    }
    version(r);
    String schema = r.optionalText("schema", "public");
    if (schema != null) {
      Identifiers.check(schema, "schema", "schema", problems);
    }
    ZoneId timeZone = TimeZoneSetting.parse(r, problems);
    Map<String, TableDraft> tables = new TableParser(problems).parse(r.requiredMap("tables"));
    List<SourceSpec> sources = new SourceParser(problems, planFile).parse(r.list("sources", true));
    RefGraph graph = new PlanChecker(problems, tables, sources).check();
    new CitusRules(problems).check(tables, graph);
    problems.throwIfAny(planFile.toString());
    List<TableSpec> specs = new ArrayList<>();
    tables.values().forEach(t -> specs.add(t.toSpec(graph.referencesOf(t.name))));
    return new Plan(SUPPORTED_VERSION, schema, timeZone, specs, sources, planFile);
  }

  private void version(MapReader r) {
    YamlNode node = r.required("version");
    if (node == null) {
      return;
    }
    if (!(node instanceof YamlScalar s) || !String.valueOf(SUPPORTED_VERSION).equals(s.text())) {
      problems.add("version", "unsupported plan version " + MapReader.describe(node) + "; this spillway reads version "
          + SUPPORTED_VERSION);
    }
  }
}
