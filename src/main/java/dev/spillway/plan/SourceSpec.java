package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One entry of {@code sources:}: input files, their format and what each record emits. Sources
 * are read in plan order and, within a source, emits run in list order for each record; refs
 * resolve against what has been emitted before (see {@link Plan}).
 *
 * <p>Files: each pattern is relative to the plan file's directory (or absolute), may use globs
 * ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **}); a file whose name ends in
 * {@code .gz} is gunzipped while read, one ending in {@code .zst} zstd-decompressed. The pattern
 * {@code "-"} is standard input (at most once in a plan). See {@link #matchFiles()}.
 *
 * <p>A source with {@code name:} and no {@code file:} is <b>fed from code</b> ({@link #fedFromCode()}):
 * the library hands it records one by one; it has no files and no {@code format:} (its format is
 * {@link #CODE_FORMAT}, so {@code $name} and {@code $N} both read it), and the command line refuses it.
 *
 * @param index        0-based position in the plan's sources
 * @param planFile     the plan file the patterns are relative to
 * @param filePatterns the patterns as written; empty only for a source fed from code
 * @param format       how the files are written
 * @param emits        what each record produces, in order
 * @param name         the source's {@code name:}, unique in the plan, or null when it has none
 */
public record SourceSpec(int index, Path planFile, List<String> filePatterns, CsvFormat format, List<Emit> emits,
    String name) {
  /** The pattern that stands for standard input: {@code file: "-"}. */
  public static final String STDIN_PATTERN = "-";
  /** The path standard input is listed as among a source's files. */
  public static final Path STDIN = Path.of(STDIN_PATTERN);
  /** The format of a source fed from code: fields are named (map records) or positional (list records). */
  public static final CsvFormat CODE_FORMAT = CsvFormat.csv().withHeader(true);

  public SourceSpec {
    checkArgument(index >= 0, "index < 0: %s", index);
    Objects.requireNonNull(planFile, "planFile");
    filePatterns = List.copyOf(filePatterns);
    Objects.requireNonNull(format, "format");
    emits = List.copyOf(emits);
    checkArgument(!filePatterns.isEmpty() || name != null, "source %s has neither files nor a name", index);
  }

  /** A source read from files, without {@code name:}. */
  public SourceSpec(int index, Path planFile, List<String> filePatterns, CsvFormat format, List<Emit> emits) {
    this(index, planFile, filePatterns, format, emits, null);
  }

  /** True for a source with {@code name:} and no {@code file:}: its records come from code, not from files. */
  public boolean fedFromCode() {
    return filePatterns.isEmpty();
  }

  /** How messages and reports name the source: its {@code name:}, else {@link #yamlPath()}. */
  public String displayName() {
    return name != null ? name : yamlPath();
  }

  /** {@code sources[2]}: where this source is in the plan, for messages. */
  public String yamlPath() {
    return "sources[" + index + "]";
  }

  /** The directory patterns are relative to: the plan file's directory. */
  public Path baseDirectory() {
    Path parent = planFile.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** True when one of the patterns is standard input ({@code "-"}). */
  public boolean readsStdin() {
    return filePatterns.contains(STDIN_PATTERN);
  }

  /**
   * The files of this source: every pattern's matches in pattern order, each pattern's matches
   * sorted by path, a file matched twice listed once; {@code "-"} is {@link #STDIN}. A pattern that matches nothing is an error:
   * throws {@link PlanException} naming every such pattern as {@code sources[0].file[1]}.
   */
  public List<Path> matchFiles() {
    Problems problems = new Problems();
    List<Path> files = matchFiles(problems);
    problems.throwIfAny(planFile.toString());
    return files;
  }

  List<Path> matchFiles(Problems problems) {
    Set<Path> files = new LinkedHashSet<>();
    for (int i = 0; i < filePatterns.size(); i++) {
      String pattern = filePatterns.get(i);
      if (pattern.equals(STDIN_PATTERN)) {
        files.add(STDIN);
        continue;
      }
      List<Path> matched = FilePatterns.match(baseDirectory(), pattern);
      if (matched.isEmpty()) {
        String path = filePatterns.size() == 1 ? yamlPath() + ".file" : yamlPath() + ".file[" + i + "]";
        problems.add(path, "no file matches '" + pattern + "' (relative to " + baseDirectory() + ")");
      }
      files.addAll(matched);
    }
    return new ArrayList<>(files);
  }

  /**
   * The highest 1-based position the emits read ({@code $3} anywhere, for_each values and ref keys
   * included), or 0 when they read none: a file without header must have at least that many fields.
   */
  public int highestPosition() {
    int highest = 0;
    for (Emit emit : emits) {
      if (emit.forEach().isPresent()) {
        highest = Math.max(highest, highestPosition(emit.forEach().get().value()));
      }
      for (ValueExpr value : emit.values().values()) {
        highest = Math.max(highest, highestPosition(value));
      }
      if (emit.when().isPresent()) {
        highest = Math.max(highest, highestPosition(emit.when().get()));
      }
    }
    return highest;
  }

  /**
   * The distinct JSON paths the emits read from the record ({@code $.a.b}; not the for_each element's
   * {@code $_.x}), in plan order: when: conditions, for_each values, values, ref keys and function
   * arguments. A jsonl reader computes them
   * for each record, and {@link Plan#bind} makes each the field at its position in this list.
   */
  public List<JsonPath> jsonPaths() {
    Set<JsonPath> paths = new LinkedHashSet<>();
    forEachLeaf(leaf -> {
      if (leaf instanceof ValueExpr.Json json && !json.path().element()) {
        paths.add(json.path());
      }
    });
    return List.copyOf(paths);
  }

  /**
   * The distinct header names the emits read ({@code $name}), in plan order as {@link #jsonPaths()}
   * lists paths: the fields a map record fed from code provides.
   */
  public List<String> fieldNames() {
    Set<String> names = new LinkedHashSet<>();
    forEachLeaf(leaf -> {
      if (leaf instanceof ValueExpr.InputColumn c && c.byName()) {
        names.add(c.name());
      }
    });
    return List.copyOf(names);
  }

  /** Calls {@code action} on every value the emits read that is not a ref or a call, in plan order (when:, for_each, values). */
  private void forEachLeaf(Consumer<ValueExpr> action) {
    for (Emit emit : emits) {
      emit.when().ifPresent(c -> forEachLeaf(c, action));
      emit.forEach().ifPresent(f -> forEachLeaf(f.value(), action));
      emit.values().values().forEach(v -> forEachLeaf(v, action));
    }
  }

  private static void forEachLeaf(ValueExpr value, Consumer<ValueExpr> action) {
    if (value instanceof ValueExpr.Ref ref) {
      ref.key().forEach(k -> forEachLeaf(k, action));
    } else if (value instanceof ValueExpr.Call call) {
      call.args().forEach(a -> forEachLeaf(a, action));
    } else {
      action.accept(value);
    }
  }

  private static void forEachLeaf(Condition condition, Consumer<ValueExpr> action) {
    if (condition instanceof Condition.Compare c) {
      forEachLeaf(c.left(), action);
      forEachLeaf(c.right(), action);
    } else if (condition instanceof Condition.In in) {
      forEachLeaf(in.value(), action);
      in.choices().forEach(v -> forEachLeaf(v, action));
    } else if (condition instanceof Condition.Matches m) {
      forEachLeaf(m.value(), action);
    } else if (condition instanceof Condition.IsNull n) {
      forEachLeaf(n.value(), action);
    } else if (condition instanceof Condition.Junction j) {
      j.parts().forEach(p -> forEachLeaf(p, action));
    } else {
      forEachLeaf(((Condition.Not) condition).condition(), action);
    }
  }

  private static int highestPosition(ValueExpr value) {
    if (value instanceof ValueExpr.InputColumn c) {
      return c.position();
    }
    if (value instanceof ValueExpr.Ref ref) {
      return ref.key().stream().mapToInt(SourceSpec::highestPosition).max().orElse(0);
    }
    if (value instanceof ValueExpr.Call call) {
      return call.args().stream().mapToInt(SourceSpec::highestPosition).max().orElse(0);
    }
    return 0;
  }

  private static int highestPosition(Condition condition) {
    if (condition instanceof Condition.Compare c) {
      return Math.max(highestPosition(c.left()), highestPosition(c.right()));
    } else if (condition instanceof Condition.In in) {
      return Math.max(highestPosition(in.value()), in.choices().stream().mapToInt(SourceSpec::highestPosition).max().orElse(0));
    } else if (condition instanceof Condition.Matches m) {
      return highestPosition(m.value());
    } else if (condition instanceof Condition.IsNull n) {
      return highestPosition(n.value());
    } else if (condition instanceof Condition.Junction j) {
      return j.parts().stream().mapToInt(SourceSpec::highestPosition).max().orElse(0);
    }
    return highestPosition(((Condition.Not) condition).condition());
  }
}
