package dev.spillway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link Plan} in code. Each call adds what the same key of the YAML plan says (the plan
 * language is the contract: README, issue 3), and {@link #build} renders the YAML and validates it
 * with the same checks as a plan file, so a built plan and a written one cannot mean different
 * things; the rendering becomes the spill's {@code plan.yaml}. Values are plan expressions as text:
 * {@code "$name"} (a field of a map record), {@code "$1"} (of a list record), {@code "$_"}, a
 * constant ({@code "$$"} escapes a leading dollar); functions and conditions as the maps YAML
 * would hold ({@code Map.of("trim", "$x")}). Sources built here are fed from code; plans with file
 * sources are written as YAML. Not thread-safe; build once.
 *
 * <pre>{@code
 * Plan plan = Plan.builder().schema("jars")
 *     .table("artifact", t -> t.column("id", "bigint").column("path", "text").id("id").key("path"))
 *     .table("class", t -> t.column("artifact_id", "bigint").column("name", "text").key("artifact_id", "name"))
 *     .source("classes", s -> s.emit("class", e -> e.ref("artifact_id", "artifact", "$jar").value("name", "$class")))
 *     .build();
 * }</pre>
 */
public final class PlanBuilder {
  /** the plan's YAML tree, built up in call order. */
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> tables = new LinkedHashMap<>();
  private final List<Object> sources = new ArrayList<>();
  /** the name messages give the plan; relative file patterns would be relative to its directory. */
  private Path planFile = Path.of("plan-built-in-code.yaml");

  PlanBuilder() {
    root.put("version", 1);
  }

  /** {@code schema:} the target schema (default {@code public}). */
  public PlanBuilder schema(String schema) {
    root.put("schema", schema);
    return this;
  }

  /** The name messages give the plan (default {@code plan-built-in-code.yaml}). */
  public PlanBuilder planFile(Path file) {
    this.planFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /** {@code tables.<name>:} a table, described by {@code table}. */
  public PlanBuilder table(String name, Consumer<Table> table) {
    Table t = new Table();
    table.accept(t);
    tables.put(name, t.yaml);
    return this;
  }

  /** {@code sources[]: {name: <name>, emit: [...]}}: a source fed from code, its emits described by {@code source}. */
  public PlanBuilder source(String name, Consumer<Source> source) {
    Source s = new Source();
    source.accept(s);
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("name", name);
    yaml.put("emit", s.emits);
    sources.add(yaml);
    return this;
  }

  /**
   * Renders the plan as YAML and validates it as a plan file is validated.
   *
   * @throws RuntimeException (a {@code PlanException}) listing every problem with its YAML path
   */
  public Plan build() {
    Map<String, Object> yaml = new LinkedHashMap<>(root);
    yaml.put("tables", tables);
    yaml.put("sources", sources);
    return Plan.parse(render(yaml), planFile);
  }

  private static String render(Map<String, Object> yaml) {
    YAMLMapper mapper = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    try {
      return "# plan built in code (dev.spillway.api.PlanBuilder)\n" + mapper.writeValueAsString(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the plan cannot be written as YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** One table of the plan: {@code columns}, {@code id}, {@code key} and the table rules. */
  public static final class Table {
    private final Map<String, Object> yaml = new LinkedHashMap<>();
    private final Map<String, Object> columns = new LinkedHashMap<>();

    Table() {
      yaml.put("columns", columns);
    }

    /** {@code columns.<name>: <type>}, e.g. {@code column("size_bytes", "bigint")}; in table order. */
    public Table column(String name, String sqlType) {
      columns.put(name, sqlType);
      return this;
    }

    /** {@code id:} the surrogate id column, assigned by spillway. */
    public Table id(String column) {
      yaml.put("id", column);
      return this;
    }

    /** {@code key:} the natural key columns. */
    public Table key(String... columnNames) {
      yaml.put("key", List.of(columnNames));
      return this;
    }

    /** {@code on_duplicate:} {@code error} (the default), {@code reject} or {@code first}. */
    public Table onDuplicate(String rule) {
      yaml.put("on_duplicate", rule);
      return this;
    }

    /** Any other table key of the plan language ({@code on_existing}, {@code not_null}, {@code defaults}) as YAML would hold it. */
    public Table option(String key, Object value) {
      yaml.put(key, value);
      return this;
    }
  }

  /** The emits of one source fed from code, run in order for each record. */
  public static final class Source {
    private final List<Object> emits = new ArrayList<>();

    Source() {}

    /** {@code emit[]: {table: <table>, ...}}: one row (or one per for_each element) in {@code table} per record. */
    public Source emit(String table, Consumer<Emit> emit) {
      Emit e = new Emit(table);
      emit.accept(e);
      emits.add(e.yaml);
      return this;
    }
  }

  /** One emit: its {@code values} and optional {@code when} and {@code for_each}. */
  public static final class Emit {
    private final Map<String, Object> yaml = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    Emit(String table) {
      yaml.put("table", table);
      yaml.put("values", values);
    }

    /** {@code values.<column>:} a plan expression: {@code "$name"}, {@code "$2"}, a constant, or a function map. */
    public Emit value(String column, Object expression) {
      values.put(column, expression);
      return this;
    }

    /**
     * {@code values.<column>: {ref: <table>, key: [...]}}: the id of {@code table}'s row with that key;
     * {@code missing: error} (the plan default).
     */
    public Emit ref(String column, String table, Object... key) {
      return refMissing(column, table, null, key);
    }

    /** As {@link #ref}, with {@code missing:} {@code error}, {@code reject}, {@code skip}, {@code null} or {@code create}. */
    public Emit refMissing(String column, String table, String missing, Object... key) {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("ref", table);
      ref.put("key", Arrays.asList(key));
      if (missing != null) {
        ref.put("missing", missing);
      }
      values.put(column, ref);
      return this;
    }

    /** {@code for_each: {value: ..., separator: ...}}: one row per element of the split value ({@code $_}). */
    public Emit forEach(Object value, String separator) {
      Map<String, Object> forEach = new LinkedHashMap<>();
      forEach.put("value", value);
      forEach.put("separator", separator);
      yaml.put("for_each", forEach);
      return this;
    }

    /** {@code when:} a condition as YAML holds it, e.g. {@code Map.of("eq", List.of("$kind", "class"))}. */
    public Emit when(Object condition) {
      yaml.put("when", condition);
      return this;
    }
  }
}
