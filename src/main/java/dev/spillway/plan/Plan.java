package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A parsed, fully validated plan file (the YAML syntax is the contract of issue 3). Immutable. Made
 * by {@link #load(Path)} or {@link #parse(String, Path)}, which check the whole plan before any data
 * is read and throw one {@link PlanException} listing every problem with its YAML path.
 *
 * <p>Invariants: every emit names a defined table and only its columns, never its id column, and
 * gives every key column; every ref targets a table with an id and a key of the ref's arity, lands
 * in a bigint/integer column (refs may point forward, at their own table or around a cycle of
 * tables: stage one resolves them whatever the order); {@code $_} appears only under for_each;
 * {@code $name} only in sources with a header. Header names are checked per file by {@link #bind}.
 *
 * @param version  the plan format version (1)
 * @param schema   the target schema, {@code public} when not given
 * @param timeZone the plan's {@code time_zone} (UTC when not given): stage one reads
 *                 {@code timestamptz} input without an offset as local time there, as COPY does
 *                 in a session with that {@code TimeZone}
 * @param tables   the tables in declaration order
 * @param sources  the sources in the order they are read
 * @param planFile the file the plan came from; source patterns are relative to its directory
 */
public record Plan(int version, String schema, ZoneId timeZone, List<TableSpec> tables, List<SourceSpec> sources, Path planFile) {
  public Plan {
    checkArgument(version == PlanParser.SUPPORTED_VERSION, "unsupported plan version: %s", version);
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(timeZone, "timeZone");
    tables = List.copyOf(tables);
    sources = List.copyOf(sources);
    Objects.requireNonNull(planFile, "planFile");
  }

  /** Reads and validates a plan file (UTF-8). Throws {@link PlanException} for every problem, including an unreadable file. */
  public static Plan load(Path planFile) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(planFile)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PlanException(planFile.toString(), List.of("the plan file is not valid UTF-8"));
    } catch (IOException e) {
      throw new PlanException(planFile.toString(), List.of("cannot read the plan file: " + IoErrors.describe(e)), e);
    }
    return parse(text, planFile);
  }

  /** Parses and validates plan text; {@code planFile} names it in messages and anchors relative file patterns. */
  public static Plan parse(String yamlText, Path planFile) {
    return new PlanParser(planFile).parse(yamlText);
  }

  /** The table called {@code name}; throws IllegalArgumentException listing the tables otherwise. */
  public TableSpec table(String name) {
    for (TableSpec t : tables) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("plan " + planFile + " has no table " + name + "; tables: "
        + tables.stream().map(TableSpec::name).toList());
  }

  /**
   * The tables parents first: each after every table it references, otherwise in declaration order;
   * a cycle of refs is broken deterministically (see {@code DependencyOrder}). Stage two loads (and a
   * schema would be created) in this order.
   */
  public List<TableSpec> tablesInDependencyOrder() {
    return DependencyOrder.sort(tables);
  }

  /** Tables that some source emits into, in plan order of first emit. */
  public Set<String> emittedTables() {
    Set<String> emitted = new LinkedHashSet<>();
    sources.forEach(s -> s.emits().forEach(e -> emitted.add(e.table())));
    return emitted;
  }

  /**
   * Tables that refs point at but no source emits and no ref creates ({@code missing: create}):
   * their ids can only come from an existing database ({@code --url}). Stage one should refuse to
   * run without one when this is not empty.
   */
  public Set<String> tablesFilledOnlyByDatabase() {
    Set<String> referenced = new LinkedHashSet<>();
    sources.forEach(s -> referenced.addAll(referencedTables(s)));
    referenced.removeAll(emittedTables());
    referenced.removeAll(createdTables());
    return referenced;
  }

  /** Tables some ref of any source (nested ones included) creates rows in with {@code missing: create}, in plan order. */
  public Set<String> createdTables() {
    Set<String> created = new LinkedHashSet<>();
    sources.forEach(s -> created.addAll(createdTables(s)));
    return created;
  }

  /** Tables some ref of {@code source} (nested ones included) creates rows in with {@code missing: create}. */
  public static Set<String> createdTables(SourceSpec source) {
    Set<String> created = new LinkedHashSet<>();
    forEachRef(source, ref -> {
      if (ref.missing() == Missing.CREATE) {
        created.add(ref.table());
      }
    });
    return created;
  }

  /** Tables some ref of {@code source} points at, nested refs (inside ref keys) included. */
  public static Set<String> referencedTables(SourceSpec source) {
    Set<String> referenced = new LinkedHashSet<>();
    forEachRef(source, ref -> referenced.add(ref.table()));
    return referenced;
  }

  /** Calls {@code action} on every ref of {@code source}'s emits, each before the refs in its key. */
  private static void forEachRef(SourceSpec source, Consumer<ValueExpr.Ref> action) {
    for (Emit e : source.emits()) {
      e.values().values().forEach(v -> forEachRef(v, action));
    }
  }

  private static void forEachRef(ValueExpr expr, Consumer<ValueExpr.Ref> action) {
    if (expr instanceof ValueExpr.Ref ref) {
      action.accept(ref);
      ref.key().forEach(k -> forEachRef(k, action));
    }
  }

  /**
   * The files of every source, in source order (see {@link SourceSpec#matchFiles()}); throws one
   * {@link PlanException} naming every pattern that matches nothing.
   */
  public List<List<Path>> matchSourceFiles() {
    Problems problems = new Problems();
    List<List<Path>> files = new ArrayList<>();
    for (SourceSpec s : sources) {
      files.add(List.copyOf(s.matchFiles(problems)));
    }
    problems.throwIfAny(planFile.toString());
    return files;
  }

  /**
   * Compiles {@code source}'s emits for one of its files once its layout is known, checking every
   * {@code $name} against the header and every {@code $N} against the field count. Throws a
   * {@link PlanException} listing every problem as {@code sources[0].emit[1].values.name: column
   * 'nam' is not in the header of data.csv ...}.
   *
   * @param source     a source of this plan
   * @param file       the file being read (for messages and the result)
   * @param header     the file's header names; empty when the format has no header
   * @param fieldCount the number of fields of each record (the header's size when there is one; 0
   *                   for an empty headerless file, whose positions are then not checked)
   */
  public BoundSource bind(SourceSpec source, Path file, List<String> header, int fieldCount) {
    checkArgument(sources.contains(source), "source %s is not part of plan %s", source.yamlPath(), planFile);
    checkArgument(fieldCount >= 0, "fieldCount < 0: %s", fieldCount);
    checkArgument(!source.format().header() || header.size() == fieldCount,
        "a header of %s names for %s fields", header.size(), fieldCount);
    return new SourceBinder(this, source, file, List.copyOf(header), fieldCount).bind();
  }

  /** Checks a file's header against {@code source} without keeping the binding; see {@link #bind}. */
  public void validateHeader(SourceSpec source, Path file, List<String> header) {
    bind(source, file, header, header.size());
  }
}
