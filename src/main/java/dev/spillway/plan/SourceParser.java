package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlList;
import dev.spillway.plan.YamlNode.YamlMap;
import dev.spillway.plan.YamlNode.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code sources:} (files, format, emits with their value expressions) into
 * {@link SourceSpec}s. Only the shape is checked here; whether tables, columns and refs make sense
 * is {@link PlanChecker}'s job. A source or emit that cannot be built is left out after its
 * problems are reported (the plan is then rejected anyway).
 */
final class SourceParser {
  private static final List<String> SOURCE_FIELDS = List.of("name", "file", "format", "emit");
  private static final List<String> EMIT_FIELDS = List.of("table", "when", "for_each", "values");
  private static final List<String> FOR_EACH_FIELDS = List.of("value", "separator");

  private final Problems problems;
  private final Path planFile;
  private final ValueExprParser exprs;

  SourceParser(Problems problems, Path planFile) {
    this.problems = problems;
    this.planFile = planFile;
    this.exprs = new ValueExprParser(problems);
  }

  List<SourceSpec> parse(YamlList sources) {
    List<SourceSpec> specs = new ArrayList<>();
    if (sources == null) {
      return specs;
    }
    for (int i = 0; i < sources.items().size(); i++) {
      SourceSpec spec = source(i, sources.items().get(i), Problems.index("sources", i));
      if (spec != null) {
        specs.add(spec);
      }
    }
    checkOneStdin(specs);
    checkUniqueNames(specs);
    return specs;
  }

  /** A source's {@code name:} is how code feeds it records: two sources cannot share one. */
  private void checkUniqueNames(List<SourceSpec> specs) {
    Set<String> seen = new HashSet<>();
    for (SourceSpec s : specs) {
      if (s.name() != null && !seen.add(s.name())) {
        problems.add(s.yamlPath() + ".name", "source name '" + s.name() + "' is used by an earlier source; names must be unique");
      }
    }
  }

  /** Standard input can be read once: {@code file: "-"} may appear once in the whole plan. */
  private void checkOneStdin(List<SourceSpec> specs) {
    long readers = specs.stream().mapToLong(s -> s.filePatterns().stream().filter(SourceSpec.STDIN_PATTERN::equals).count()).sum();
    if (readers > 1) {
      problems.add("sources", "standard input (file: \"-\") is named " + readers + " times; it can be read by one source, once");
    }
  }

  private SourceSpec source(int index, YamlNode node, String path) {
    MapReader r = MapReader.of(node, path, problems, SOURCE_FIELDS);
    if (r == null) {
      return null;
    }
    String name = r.has("name") ? sourceName(r) : null;
    boolean fedFromCode = !r.has("file") && name != null;
    List<String> patterns = fedFromCode ? List.of() : files(r);
    if (fedFromCode && r.has("format")) {
      problems.add(r.pathOf("format"), "a source fed from code (name: without file:) takes no format: its records are "
          + "maps (read with $name) or lists (read with $1, $2, ...)");
    }
    CsvFormat format = fedFromCode ? SourceSpec.CODE_FORMAT
        : new FormatParser(problems).parse(r.optional("format"), r.pathOf("format"));
    YamlList emitList = r.list("emit", true);
    List<Emit> emits = new ArrayList<>();
    if (emitList != null) {
      for (int j = 0; j < emitList.items().size(); j++) {
        Emit emit = emit(index, j, emitList.items().get(j), Problems.index(r.pathOf("emit"), j));
        if (emit != null) {
          emits.add(emit);
        }
      }
    }
    if (patterns == null || emitList == null) {
      return null;
    }
    SourceSpec spec = new SourceSpec(index, planFile, patterns, format, emits, name);
    if (fedFromCode && !spec.fieldNames().isEmpty() && spec.highestPosition() > 0) {
      problems.add(r.pathOf("emit"), "a source fed from code reads its fields by name (map records) or by position (list "
          + "records), not both: it reads " + spec.fieldNames() + " and $" + spec.highestPosition());
    }
    return spec;
  }

  /** {@code name: packages}: a non-empty name without surrounding white space, or null after a problem. */
  private String sourceName(MapReader r) {
    String name = MapReader.text(r.optional("name"), r.pathOf("name"), problems);
    if (name != null && (name.isBlank() || !name.strip().equals(name))) {
      problems.add(r.pathOf("name"), "expected a non-empty name without leading or trailing white space, got '" + name + "'");
      return null;
    }
    return name;
  }

  /** {@code file: a.csv} or {@code file: [a.csv, b/*.csv.gz]}. */
  private List<String> files(MapReader r) {
    YamlNode node = r.required("file");
    if (node == null) {
      return null;
    }
    if (node instanceof YamlScalar) {
      String pattern = MapReader.text(node, r.pathOf("file"), problems);
      return pattern == null ? null : List.of(pattern);
    }
    YamlList list = r.list("file", true);
    if (list == null) {
      return null;
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String pattern = MapReader.text(list.items().get(i), Problems.index(r.pathOf("file"), i), problems);
      if (pattern == null) {
        return null;
      }
      patterns.add(pattern);
    }
    return patterns;
  }

  private Emit emit(int sourceIndex, int index, YamlNode node, String path) {
    MapReader r = MapReader.of(node, path, problems, EMIT_FIELDS);
    if (r == null) {
      return null;
    }
    String table = r.requiredText("table");
    Optional<ForEach> forEach = Optional.empty();
    boolean forEachOk = true;
    if (r.has("for_each")) {
      ForEach parsed = forEach(r.optional("for_each"), r.pathOf("for_each"));
      forEach = Optional.ofNullable(parsed);
      forEachOk = parsed != null;
    }
    Optional<Condition> when = Optional.empty();
    boolean whenOk = true;
    if (r.has("when")) {
      Condition parsed = new ConditionParser(problems, exprs).parse(r.optional("when"), r.pathOf("when"));
      when = Optional.ofNullable(parsed);
      whenOk = parsed != null;
    }
    YamlMap valueMap = r.requiredMap("values");
    Map<String, ValueExpr> values = new LinkedHashMap<>();
    boolean valuesOk = valueMap != null;
    if (valueMap != null) {
      for (Map.Entry<String, YamlNode> e : valueMap.entries().entrySet()) {
        ValueExpr expr = exprs.parse(e.getValue(), Problems.child(r.pathOf("values"), e.getKey()));
        if (expr == null) {
          valuesOk = false;
        } else {
          values.put(e.getKey(), expr);
        }
      }
    }
    if (table == null || !forEachOk || !valuesOk || !whenOk) {
      return null;
    }
    return new Emit(sourceIndex, index, table, forEach, values, when);
  }

  private ForEach forEach(YamlNode node, String path) {
    MapReader r = MapReader.of(node, path, problems, FOR_EACH_FIELDS);
    if (r == null) {
      return null;
    }
    YamlNode valueNode = r.required("value");
    ValueExpr value = valueNode == null ? null : exprs.parse(valueNode, r.pathOf("value"));
    if (value instanceof ValueExpr.Ref || value instanceof ValueExpr.ForEachElement
        || value instanceof ValueExpr.Json json && json.path().element()) {
      problems.add(r.pathOf("value"), "for_each splits an input column or a constant, not " + value);
      value = null;
    }
    String separator = ",";
    if (r.has("separator")) {
      YamlNode s = r.optional("separator");
      if (s instanceof YamlScalar scalar && !scalar.isNull() && !scalar.text().isEmpty()) {
        separator = scalar.text();
      } else {
        problems.add(r.pathOf("separator"), "expected a non-empty separator, got " + MapReader.describe(s));
        separator = null;
      }
    }
    return value == null || separator == null ? null : new ForEach(value, separator);
  }
}
