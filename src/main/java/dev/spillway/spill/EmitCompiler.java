package dev.spillway.spill;

import dev.spillway.pgbinary.Codec;
import dev.spillway.plan.BoundEmit;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.BoundValue;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a source bound to one file ({@link BoundSource}) into {@link CompiledEmit}s: every
 * column's codec is the one its {@link TableOutput} resolved once for the run; constants, values
 * and ref key parts alike, are parsed here once per file with their column's codec (a constant the
 * type refuses was already reported by {@link PlanConstants} before anything was read); refs become
 * {@link RefResolver} trees over the referenced tables' outputs.
 */
final class EmitCompiler {
  private final Plan plan;
  private final Tables tables;

  EmitCompiler(Plan plan, Tables tables) {
    this.plan = plan;
    this.tables = tables;
  }

  List<CompiledEmit> compile(BoundSource source) {
    List<String> problems = new ArrayList<>();
    List<CompiledEmit> emits = new ArrayList<>();
    for (BoundEmit emit : source.emits()) {
      TableOutput table = tables.get(emit.table().name());
      emits.add(new CompiledEmit(table, emit.forEach(), rowBuilder(emit, table, problems), emit.when().orElse(null)));
    }
    if (!problems.isEmpty()) {
      throw new PlanException(plan.planFile().toString(), problems);
    }
    return emits;
  }

  private RowBuilder rowBuilder(BoundEmit emit, TableOutput output, List<String> problems) {
    TableSpec table = emit.table();
    int n = table.columns().size();
    String[] names = table.columnNames().toArray(String[]::new);
    List<Integer> constantOrdinals = new ArrayList<>();
    List<Object> constants = new ArrayList<>();
    List<Integer> textOrdinals = new ArrayList<>();
    List<BoundValue.Text> texts = new ArrayList<>();
    List<Codec> textCodecs = new ArrayList<>();
    List<Integer> refOrdinals = new ArrayList<>();
    List<RefResolver> refs = new ArrayList<>();
    for (int ordinal = 0; ordinal < n; ordinal++) {
      ColumnSpec column = table.columns().get(ordinal);
      BoundValue value = emit.column(ordinal);
      if (value instanceof BoundValue.Constant c) {
        constantOrdinals.add(ordinal);
        constants.add(parseConstant(emit, column, output.codec(ordinal), c, problems));
      } else if (value instanceof BoundValue.Text t) {
        textOrdinals.add(ordinal);
        texts.add(t);
        textCodecs.add(output.codec(ordinal));
      } else if (value instanceof BoundValue.Ref r) {
        refOrdinals.add(ordinal);
        refs.add(resolver(r, emit.emit().yamlPath() + ".values." + column.name(), problems));
      }
      // BoundValue.SurrogateId: the table's RowIdentity fills it.
    }
    boolean[] refAsInteger = new boolean[refOrdinals.size()];
    boolean[] refInKey = new boolean[refOrdinals.size()];
    for (int i = 0; i < refAsInteger.length; i++) {
      ColumnSpec column = table.columns().get(refOrdinals.get(i));
      refAsInteger[i] = IdValues.asInteger(column);
      refInKey[i] = table.key().contains(column.name());
    }
    return new RowBuilder(names, ints(constantOrdinals), constants.toArray(), ints(textOrdinals),
        texts.toArray(BoundValue.Text[]::new), textCodecs.toArray(Codec[]::new), ints(refOrdinals),
        refs.toArray(RefResolver[]::new), refAsInteger, refInKey);
  }

  private Object parseConstant(BoundEmit emit, ColumnSpec column, Codec codec, BoundValue.Constant constant,
      List<String> problems) {
    return PlanConstants.parse(codec, column, null, constant.value(), emit.emit().yamlPath() + ".values." + column.name(),
        problems);
  }

  private RefResolver resolver(BoundValue.Ref ref, String path, List<String> problems) {
    TableOutput target = tables.get(ref.table().name());
    int[] keyOrdinals = ref.table().keyOrdinals();
    int parts = ref.key().size();
    RefResolver.Part[] compiled = new RefResolver.Part[parts];
    for (int i = 0; i < parts; i++) {
      BoundValue part = ref.key().get(i);
      String partPath = path + ".key[" + i + "]";
      if (part instanceof BoundValue.Ref r) {
        compiled[i] = RefResolver.Part.nested(resolver(r, partPath, problems));
      } else if (part instanceof BoundValue.Constant c) {
        ColumnSpec column = ref.table().columns().get(keyOrdinals[i]);
        Object value = PlanConstants.parse(target.keys().codec(i), column, ref.table().name(), c.value(), partPath, problems);
        compiled[i] = RefResolver.Part.constant(c.value(), value);
      } else {
        compiled[i] = RefResolver.Part.text((BoundValue.Text) part);
      }
    }
    return new RefResolver(target, ref.missing(), compiled);
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
