package dev.spillway.api;

import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.plan.BoundEmit;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.BoundValue;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One plan source fed by the live writer: binds its emits to a record's layout (a map's key list,
 * or a list's size; each layout bound once, through {@link Plan#bind} as for a CSV file's header)
 * and turns a record into its rows, typed by the columns' codecs, each ref a {@link PendingRef}.
 * A value a codec refuses rejects the whole record, as in stage one. Single-threaded.
 */
final class LiveSource {
  private final Plan plan;
  private final SourceSpec spec;
  private final String name;
  private final Map<String, LiveTable> tables;
  private final Map<List<String>, BoundSource> byHeader = new HashMap<>();
  private final Map<Integer, BoundSource> byFieldCount = new HashMap<>();
  private long sequence;

  LiveSource(Plan plan, SourceSpec spec, String name, Map<String, LiveTable> tables) {
    this.plan = plan;
    this.spec = spec;
    this.name = name;
    this.tables = tables;
  }

  /** The record's rows (none when it is rejected; see {@link PendingRecord#reject}). */
  PendingRecord rows(CodeRecord fields) {
    PendingRecord record = new PendingRecord(name, ++sequence);
    BoundSource bound = bind(fields);
    for (BoundEmit emit : bound.emits()) {
      LiveTable table = tables.get(emit.table().name());
      try {
        if (emit.when().isPresent() && !holds(emit, fields, record)) {
          continue;
        }
        if (emit.forEach().isEmpty()) {
          row(record, table, emit, fields, null);
          continue;
        }
        List<String> elements;
        try {
          elements = emit.forEach().get().elements(fields);
        } catch (InvalidValueException e) {
          record.reject(table.name(), "for_each", null, e.reason());
          break;
        }
        for (int i = 0; i < elements.size() && !record.rejected(); i++) {
          emit.forEach().get().position().at(i + 1);
          row(record, table, emit, fields, elements.get(i));
        }
      } catch (RowRejected e) {
        break;
      }
      if (record.rejected()) {
        break;
      }
    }
    if (record.rejected()) {
      record.rows.clear();
    }
    return record;
  }

  private static boolean holds(BoundEmit emit, CodeRecord fields, PendingRecord record) {
    try {
      return emit.when().get().holds(fields, null);
    } catch (InvalidValueException e) {
      record.reject(emit.table().name(), "when", null, e.reason());
      throw new RowRejected();
    }
  }

  private BoundSource bind(CodeRecord fields) {
    Path where = Path.of("<" + name + ">");
    if (!fields.header().isEmpty() && spec.format().header()) {
      return byHeader.computeIfAbsent(fields.header(), h -> plan.bind(spec, where, h, h.size()));
    }
    return byFieldCount.computeIfAbsent(fields.fieldCount(), n -> {
      List<String> header = new ArrayList<>();
      if (spec.format().header()) {
        for (int i = 1; i <= n; i++) {
          header.add(Integer.toString(i));
        }
      }
      return plan.bind(spec, where, header, n);
    });
  }

  private void row(PendingRecord record, LiveTable table, BoundEmit emit, CodeRecord fields, String element) {
    int n = table.codecs.length;
    Object[] values = new Object[n];
    for (int ordinal = 0; ordinal < n; ordinal++) {
      BoundValue value = emit.column(ordinal);
      String column = table.spec.columns().get(ordinal).name();
      if (value instanceof BoundValue.Text text) {
        values[ordinal] = parse(record, table, column, table.codecs[ordinal], text, fields, element);
      } else if (value instanceof BoundValue.Ref ref) {
        values[ordinal] = ref(record, table, column, ref, fields, element);
      }
    }
    KeyRef key = null;
    if (table.spec.hasKey()) {
      Object[] parts = new Object[table.keyOrdinals.length];
      for (int i = 0; i < parts.length; i++) {
        Object v = values[table.keyOrdinals[i]];
        parts[i] = v instanceof PendingRef r ? r.key : v;
        if (parts[i] == null) {
          String column = table.spec.key().get(i);
          record.reject(table.name(), column, null, "natural key column " + column + " of " + table.name() + " is NULL");
          throw new RowRejected();
        }
      }
      key = new KeyRef(table, List.of(parts));
    }
    record.rows.add(new PendingRow(record, table, values, key));
  }

  private PendingRef ref(PendingRecord record, LiveTable owner, String column, BoundValue.Ref ref, CodeRecord fields,
      String element) {
    LiveTable target = tables.get(ref.table().name());
    Object[] parts = new Object[ref.key().size()];
    for (int i = 0; i < parts.length; i++) {
      BoundValue part = ref.key().get(i);
      if (part instanceof BoundValue.Ref nested) {
        parts[i] = ref(record, owner, column, nested, fields, element);
      } else {
        parts[i] = parse(record, owner, column, target.keyCodec(i), (BoundValue.Text) part, fields, element);
      }
    }
    return new PendingRef(target, parts, ref.missing(), ref.yamlPath());
  }

  private static Object parse(PendingRecord record, LiveTable table, String column, dev.spillway.pgbinary.Codec codec,
      BoundValue.Text text, CodeRecord fields, String element) {
    String raw = null;
    try {
      raw = text.text(fields, element); // a plan function may refuse its input, too
      return raw == null ? null : codec.parse(raw);
    } catch (InvalidValueException e) {
      record.reject(table.name(), column, raw, e.reason());
      throw new RowRejected();
    }
  }

  /** Ends building a record that was just rejected. */
  private static final class RowRejected extends RuntimeException {
    RowRejected() {
      super(null, null, false, false);
    }
  }
}
