package dev.spillway.plan;

import dev.spillway.pgbinary.ColumnType;
import java.util.List;
import java.util.Map;

/**
 * The semantic checks of a plan whose shape has parsed: emits against tables (unknown table or
 * column, a value for the id column, key columns left out, {@code $_} outside for_each,
 * {@code $name} without header) and refs (target has a key and an id, key arity, the receiving
 * column can hold an id, and via {@link RefGraph} conflicting refs).
 *
 * <p>Order: refs resolve whatever the order of the rows (stage one parks a row whose key is not
 * known yet and decides it after the last source), so a ref may point at a table a later emit or a
 * later source fills, at its own table (a self-reference) or around a cycle of tables. A table no
 * source emits is allowed: its ids can come from an existing database ({@code --url}).
 */
final class PlanChecker {
  private final Problems problems;
  private final Map<String, TableDraft> tables;
  private final List<SourceSpec> sources;
  private final RefGraph graph;

  PlanChecker(Problems problems, Map<String, TableDraft> tables, List<SourceSpec> sources) {
    this.problems = problems;
    this.tables = tables;
    this.sources = sources;
    this.graph = new RefGraph(problems);
  }

  /** Runs every check; the returned graph holds each table's references. */
  RefGraph check() {
    for (SourceSpec source : sources) {
      for (Emit emit : source.emits()) {
        new EmitCheck(source, emit).run();
      }
    }
    return graph;
  }

  /** The checks of one emit. */
  private final class EmitCheck {
    private final SourceSpec source;
    private final Emit emit;
    private final String path;
    private final TableDraft table;

    EmitCheck(SourceSpec source, Emit emit) {
      this.source = source;
      this.emit = emit;
      this.path = emit.yamlPath();
      this.table = tables.get(emit.table());
    }

    /** Whether column names can be checked against the emit's table. */
    private boolean columnsKnown() {
      return table != null && table.columnsKnown;
    }

    void run() {
      if (table == null) {
        problems.add(path + ".table", "table '" + emit.table() + "' is not defined" + Problems.didYouMean(emit.table(), tables.keySet()));
      }
      emit.forEach().ifPresent(f -> scalar(f.value(), path + ".for_each.value"));
      emit.when().ifPresent(c -> condition(c, path + ".when"));
      emit.values().forEach((column, expr) -> value(column, expr, Problems.child(path + ".values", column)));
      if (columnsKnown()) {
        tableRules();
        for (String keyColumn : table.key) {
          if (!emit.values().containsKey(keyColumn)) {
            problems.add(path + ".values", "missing key column '" + keyColumn + "' of table '" + table.name
                + "' (key " + table.key + "); every emit into a keyed table gives its whole key");
          }
        }
      }
    }

    private void value(String column, ValueExpr expr, String valuePath) {
      if (columnsKnown()) {
        if (!table.columns.containsKey(column)) {
          problems.add(valuePath, "unknown column '" + column + "'" + Problems.didYouMean(column, table.columns.keySet())
              + "; table '" + table.name + "' has " + String.join(", ", table.columns.keySet()));
          return;
        } else if (column.equals(table.idColumn)) {
          problems.add(valuePath, "column '" + column + "' is the id column of table '" + table.name
              + "'; spillway fills it, an emit cannot give it a value");
          return;
        }
      }
      if (expr instanceof ValueExpr.Ref ref) {
        if (columnsKnown() && table.defaults.containsKey(column)) {
          problems.add(valuePath, "column '" + column + "' of table '" + table.name + "' has a default but receives a ref;"
              + " defaults apply to text values (use missing: null, skip or create for a missing ref)");
        }
        TableDraft target = ref(ref, valuePath);
        if (columnsKnown() && target != null) {
          idColumnType(table.columns.get(column), valuePath, "column '" + column + "' of table '" + table.name + "'");
          graph.add(table.name, column, target.name, valuePath);
        }
      } else {
        scalar(expr, valuePath);
      }
    }

    /** Checks a ref and its key parts; returns the referenced table when it is usable. */
    private TableDraft ref(ValueExpr.Ref ref, String refPath) {
      TableDraft target = tables.get(ref.table());
      for (int i = 0; i < ref.key().size(); i++) {
        keyPart(ref.key().get(i), Problems.index(refPath + ".key", i), target, i, ref.key().size());
      }
      if (target == null) {
        problems.add(refPath + ".ref", "table '" + ref.table() + "' is not defined" + Problems.didYouMean(ref.table(), tables.keySet()));
        return null;
      }
      if (!target.columnsKnown) {
        return null; // its columns: problem is reported already; key and id are unknown
      }
      boolean usable = true;
      if (!target.hasKey()) {
        problems.add(refPath + ".ref", "table '" + target.name + "' has no key; a ref finds a row by its natural key");
        usable = false;
      }
      if (target.idColumn == null) {
        problems.add(refPath + ".ref", "table '" + target.name + "' has no id column; a ref stands for the referenced row's surrogate id");
        usable = false;
      }
      if (target.hasKey() && target.key.size() != ref.key().size()) {
        problems.add(refPath + ".key", "table '" + target.name + "' has a key of " + target.key.size() + " column(s) "
            + target.key + ", got " + ref.key().size() + " part(s)");
        usable = false;
      }
      return usable ? target : null;
    }

    private void keyPart(ValueExpr part, String partPath, TableDraft target, int i, int parts) {
      if (!(part instanceof ValueExpr.Ref nested)) {
        scalar(part, partPath);
        return;
      }
      TableDraft referenced = ref(nested, partPath);
      boolean arityOk = target != null && target.key.size() == parts;
      if (referenced != null && arityOk) {
        String keyColumn = target.key.get(i);
        idColumnType(target.columns.get(keyColumn), partPath, "key column '" + keyColumn + "' of table '" + target.name + "'");
        graph.add(target.name, keyColumn, referenced.name, partPath);
      }
    }

    /** Every not_null column gets a value: the emit gives a non-NULL one, or the table a default. */
    private void tableRules() {
      for (String column : table.notNull) {
        ValueExpr expr = emit.values().get(column);
        boolean nullValue = expr == null || expr instanceof ValueExpr.Constant c && c.value() == null;
        if (nullValue && !table.defaults.containsKey(column)) {
          problems.add(expr == null ? path + ".values" : Problems.child(path + ".values", column), "column '" + column
              + "' of table '" + table.name + "' is not_null, but this emit gives it no value and it has no default");
        }
      }
    }

    /** A when: condition's operands: as scalars, but before for_each splits, so without $_. */
    private void condition(Condition c, String condPath) {
      if (c instanceof Condition.Compare cmp) {
        whenOperand(cmp.left(), condPath);
        whenOperand(cmp.right(), condPath);
      } else if (c instanceof Condition.In in) {
        whenOperand(in.value(), condPath);
        in.choices().forEach(v -> whenOperand(v, condPath));
      } else if (c instanceof Condition.Matches m) {
        whenOperand(m.value(), condPath);
      } else if (c instanceof Condition.IsNull n) {
        whenOperand(n.value(), condPath);
      } else if (c instanceof Condition.Junction j) {
        j.parts().forEach(p -> condition(p, condPath));
      } else if (c instanceof Condition.Not n) {
        condition(n.condition(), condPath);
      }
    }

    private void whenOperand(ValueExpr expr, String condPath) {
      if (mentionsElement(expr)) {
        problems.add(condPath, "when: is tested once per record, before for_each splits it, so $_ is not available there");
      }
      scalar(expr, condPath);
    }

    private static boolean mentionsElement(ValueExpr expr) {
      return expr instanceof ValueExpr.ForEachElement || expr instanceof ValueExpr.Json json && json.path().element()
          || expr instanceof ValueExpr.Call call && call.args().stream().anyMatch(EmitCheck::mentionsElement);
    }

    /** An input column, {@code $_}, {@code $#}, a JSON path, a constant or a function of those. */
    private void scalar(ValueExpr expr, String exprPath) {
      boolean jsonl = source.format().type() == CsvFormat.Type.JSONL;
      if (expr instanceof ValueExpr.Call call) {
        for (int i = 0; i < call.args().size(); i++) {
          scalar(call.args().get(i), Problems.index(Problems.child(exprPath, call.function().yamlName()), i));
        }
      } else if (expr instanceof ValueExpr.Json json) {
        if (!jsonl) {
          problems.add(exprPath, json + " is a JSON path, but this source's format is " + source.format().type().yamlName()
              + "; JSON paths read format type jsonl");
        } else if (json.path().element() && emit.forEach().isEmpty()) {
          problems.add(exprPath, json + " reads the current for_each element, but this emit has no for_each");
        }
      } else if (expr instanceof ValueExpr.InputColumn c && jsonl) {
        problems.add(exprPath, c + " names a column, but a jsonl record has none; use a JSON path such as $.name or $.a.b");
      } else if (expr instanceof ValueExpr.ForEachElement && emit.forEach().isEmpty()) {
        problems.add(exprPath, "$_ is the current for_each element, but this emit has no for_each");
      } else if (expr instanceof ValueExpr.InputColumn c && c.byName() && !source.format().header()) {
        problems.add(exprPath, c + " names a header column, but format.header is false; use a position such as $1 or set header: true");
      }
    }

    private void idColumnType(ColumnType type, String where, String what) {
      if (type != null && !TableParser.isIdType(type)) {
        problems.add(where, what + " receives a ref (a surrogate id) and must be bigint or integer, not " + type.sqlName());
      }
    }
  }
}
