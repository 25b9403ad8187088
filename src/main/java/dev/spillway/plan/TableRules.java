package dev.spillway.plan;

/**
 * Applies a table's {@code defaults:} and {@code not_null:} to the bound value of one of its
 * columns, once per file: a default wraps the value in a coalesce (a column the emit leaves out, or
 * a NULL constant, becomes the default itself); a not_null column's computed value refuses NULL
 * (the row is rejected naming the column); a not_null ref with {@code missing: null} rejects
 * instead, since its NULL could not be kept. A table with neither leaves values untouched, so plans
 * without these keys run exactly as before.
 */
final class TableRules {
  private TableRules() {}

  static BoundValue apply(TableSpec table, String column, BoundValue value) {
    String dflt = table.defaults().get(column);
    BoundValue v = value;
    if (dflt != null) {
      if (v instanceof BoundValue.Constant c && c.value() == null) {
        v = new BoundValue.Constant(dflt);
      } else if (v instanceof BoundValue.Text t && !(v instanceof BoundValue.Constant)) {
        v = new TextFunctions.Coalesce(new BoundValue.Text[] {t, new BoundValue.Constant(dflt)});
      }
    }
    if (!table.notNull().contains(column)) {
      return v;
    }
    if (v instanceof BoundValue.Ref ref && ref.missing() == Missing.NULL) {
      return new BoundValue.Ref(ref.table(), ref.key(), Missing.REJECT, ref.yamlPath());
    }
    if (v instanceof BoundValue.Text t && !(v instanceof BoundValue.Constant)) {
      return new TextFunctions.NotNull(t, column);
    }
    return v; // a NULL constant in a not_null column is refused when the plan is checked
  }
}
