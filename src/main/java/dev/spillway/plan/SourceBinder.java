package dev.spillway.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a source's emits to one input file: {@code $name} becomes the field index of that header
 * name, {@code $3} is checked against the file's field count. Every name the header lacks (or
 * holds twice) and every position beyond the fields is reported with its YAML path and the file.
 */
final class SourceBinder {
  private final Plan plan;
  private final SourceSpec source;
  private final Path file;
  private final List<String> header;
  private final int fieldCount;
  private final Problems problems = new Problems();

  SourceBinder(Plan plan, SourceSpec source, Path file, List<String> header, int fieldCount) {
    this.plan = plan;
    this.source = source;
    this.file = file;
    this.header = header;
    this.fieldCount = fieldCount;
  }

  BoundSource bind() {
    List<BoundEmit> emits = new ArrayList<>();
    for (Emit emit : source.emits()) {
      emits.add(emit(emit));
    }
    problems.throwIfAny(plan.planFile().toString());
    return new BoundSource(source, file, fieldCount, emits);
  }

  private BoundEmit emit(Emit emit) {
    TableSpec table = plan.table(emit.table());
    ElementPosition position = emit.forEach().isPresent() ? new ElementPosition() : null;
    Optional<BoundEmit.BoundForEach> forEach = emit.forEach()
        .map(f -> new BoundEmit.BoundForEach((BoundValue.Text) value(f.value(), emit.yamlPath() + ".for_each.value", null), f,
            position));
    Optional<BoundCondition> when = emit.when().map(c -> condition(c, emit.yamlPath() + ".when"));
    List<BoundValue> columns = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      ValueExpr expr = emit.values().get(column.name());
      if (table.idColumn().filter(column.name()::equals).isPresent()) {
        columns.add(new BoundValue.SurrogateId());
      } else {
        BoundValue value = expr == null ? BoundValue.Constant.NULL : value(expr, emit.yamlPath() + ".values." + column.name(), position);
        columns.add(TableRules.apply(table, column.name(), value));
      }
    }
    return new BoundEmit(emit, table, forEach, columns, when);
  }

  /** {@code position} is the emit's {@code $#} (null outside for_each, where {@code $#} is NULL). */
  private BoundValue value(ValueExpr expr, String path, ElementPosition position) {
    if (expr instanceof ValueExpr.InputColumn c) {
      return new BoundValue.Field(c.byName() ? indexOf(c.name(), path) : positionIndex(c.position(), path), c.toString());
    } else if (expr instanceof ValueExpr.ForEachElement) {
      return new BoundValue.Element();
    } else if (expr instanceof ValueExpr.Json json) {
      return json.path().element() ? new BoundValue.ElementPath(json.path())
          : new BoundValue.JsonField(source.jsonPaths().indexOf(json.path()), json.path());
    } else if (expr instanceof ValueExpr.Constant c) {
      return new BoundValue.Constant(c.value());
    } else if (expr instanceof ValueExpr.Position) {
      return position == null ? BoundValue.Constant.NULL : new TextFunctions.Position(position);
    } else if (expr instanceof ValueExpr.Call call) {
      List<BoundValue.Text> args = new ArrayList<>();
      for (int i = 0; i < call.args().size(); i++) {
        args.add((BoundValue.Text) value(call.args().get(i), path + "." + call.function().yamlName() + "[" + i + "]", position));
      }
      return TextFunctions.of(call.function(), args);
    }
    ValueExpr.Ref ref = (ValueExpr.Ref) expr;
    List<BoundValue> key = new ArrayList<>();
    for (int i = 0; i < ref.key().size(); i++) {
      key.add(value(ref.key().get(i), path + ".key[" + i + "]", position));
    }
    return new BoundValue.Ref(plan.table(ref.table()), key, ref.missing(), path);
  }

  private BoundCondition condition(Condition c, String path) {
    if (c instanceof Condition.Compare cmp) {
      return new BoundCondition.Compare(text(cmp.left(), path), text(cmp.right(), path), cmp.negated());
    } else if (c instanceof Condition.In in) {
      return new BoundCondition.In(text(in.value(), path), in.choices().stream().map(v -> text(v, path)).toArray(BoundValue.Text[]::new));
    } else if (c instanceof Condition.Matches m) {
      return new BoundCondition.Matches(text(m.value(), path), m.regex());
    } else if (c instanceof Condition.IsNull n) {
      return new BoundCondition.IsNull(text(n.value(), path), n.negated());
    } else if (c instanceof Condition.Junction j) {
      return new BoundCondition.Junction(j.parts().stream().map(p -> condition(p, path)).toArray(BoundCondition[]::new), j.any());
    }
    return new BoundCondition.Not(condition(((Condition.Not) c).condition(), path));
  }

  /** A condition's operand: tested once per record, before for_each, so {@code $#} is NULL there. */
  private BoundValue.Text text(ValueExpr expr, String path) {
    return (BoundValue.Text) value(expr, path, null);
  }

  /** The 0-based index of a header name (0 after reporting a problem, to keep going). */
  private int indexOf(String name, String path) {
    int index = header.indexOf(name);
    if (index < 0) {
      problems.add(path, "column '" + name + "' is not in the header of " + fileName() + HeaderNames.didYouMean(name, header)
          + "; the header has " + HeaderNames.list(header));
      return 0;
    }
    if (header.lastIndexOf(name) != index) {
      problems.add(path, "column '" + name + "' appears more than once in the header of " + fileName() + "; use its position ($"
          + (index + 1) + ")");
    }
    return index;
  }

  private int positionIndex(int position, String path) {
    boolean emptyHeaderlessFile = fieldCount == 0 && !source.format().header();
    if (position > fieldCount && !emptyHeaderlessFile) {
      problems.add(path, "$" + position + " is beyond the " + fieldCount + " field(s) of " + fileName());
      return 0;
    }
    return position - 1;
  }

  /** The file for messages: standard input is called so. */
  private String fileName() {
    return file.equals(SourceSpec.STDIN) ? "standard input" : file.toString();
  }
}
