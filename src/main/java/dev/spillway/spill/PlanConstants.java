package dev.spillway.spill;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.Emit;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.SourceSpec;
import dev.spillway.plan.TableSpec;
import dev.spillway.plan.ValueExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks every constant of a plan against the type of the column it lands in, before any input is
 * read and before {@code --out} is touched: an emit's constant values ({@code qty: 5}) with the
 * column's codec, and a ref's constant key parts ({@code {ref: release, key: [{ref: project, key:
 * [pypi, $name]}, $version]}}: {@code pypi}) with the codec of the referenced table's key column,
 * nested refs included; and each table's {@code defaults:} with its column's codec. Every problem is reported with its YAML path in one {@link PlanException}
 * (exit 2), e.g. {@code sources[1].emit[0].values.owner_id.key[0]: constant 'x' is not a valid
 * integer (key column no of table part): invalid input syntax for type integer}.
 *
 * <p>{@link EmitCompiler} parses the same constants again once per input file, through
 * {@link #parse}, to keep the parsed values; after this check that cannot fail. Stateless.
 */
final class PlanConstants {
  private PlanConstants() {}

  /** Throws a {@link PlanException} listing every constant its column refuses. */
  static void check(Plan plan, TableCodecs codecs) {
    List<String> problems = new ArrayList<>();
    for (TableSpec table : plan.tables()) {
      for (Map.Entry<String, String> dflt : table.defaults().entrySet()) {
        int ordinal = table.ordinalOf(dflt.getKey());
        parse(codecs.column(table.name(), ordinal), table.columns().get(ordinal), null, dflt.getValue(),
            "tables." + table.name() + ".defaults." + dflt.getKey(), problems);
      }
    }
    for (SourceSpec source : plan.sources()) {
      for (Emit emit : source.emits()) {
        TableSpec table = plan.table(emit.table());
        for (Map.Entry<String, ValueExpr> value : emit.values().entrySet()) {
          int ordinal = table.ordinalOf(value.getKey());
          String path = emit.yamlPath() + ".values." + value.getKey();
          if (value.getValue() instanceof ValueExpr.Constant c) {
            parse(codecs.column(table.name(), ordinal), table.columns().get(ordinal), null, c.value(), path, problems);
          } else if (value.getValue() instanceof ValueExpr.Ref ref) {
            checkKey(plan, codecs, ref, path, problems);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanException(plan.planFile().toString(), problems);
    }
  }

  private static void checkKey(Plan plan, TableCodecs codecs, ValueExpr.Ref ref, String path, List<String> problems) {
    TableSpec target = plan.table(ref.table());
    int[] keyOrdinals = target.keyOrdinals();
    for (int i = 0; i < ref.key().size(); i++) {
      ValueExpr part = ref.key().get(i);
      String partPath = path + ".key[" + i + "]";
      if (part instanceof ValueExpr.Constant c) {
        parse(codecs.column(target.name(), keyOrdinals[i]), target.columns().get(keyOrdinals[i]), target.name(), c.value(),
            partPath, problems);
      } else if (part instanceof ValueExpr.Ref nested) {
        checkKey(plan, codecs, nested, partPath, problems);
      }
    }
  }

  /**
   * {@code text} parsed by {@code codec} (null for a NULL constant), or null after adding a problem
   * at {@code yamlPath}.
   *
   * @param keyOf the referenced table when the constant is a ref's key part, else null
   */
  static Object parse(Codec codec, ColumnSpec column, String keyOf, String text, String yamlPath, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      return codec.parse(text);
    } catch (InvalidValueException e) {
      problems.add(yamlPath + ": constant '" + text + "' is not a valid " + column.type()
          + (keyOf == null ? "" : " (key column " + column.name() + " of table " + keyOf + ")") + ": " + e.reason());
      return null;
    }
  }
}
