package dev.spillway.api;

import dev.spillway.input.CodeFields;
import dev.spillway.input.CodeRecord;
import dev.spillway.input.MalformedRecord;
import dev.spillway.input.TypedFields;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.pgbinary.JavaValues;
import dev.spillway.plan.BoundEmit;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.BoundValue;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One plan source fed by the live writer: binds its emits to a record's layout once (a source fed
 * from code as {@code input.CodeFields} lays it out, the seam a spill from code uses too; a source
 * that reads files per map key list or list size, see {@link LiveFields}), through {@link Plan#bind}
 * as for a CSV file's header, and turns a record into its rows, typed by the columns' codecs, each
 * ref a {@link PendingRef}. A value a codec refuses rejects the whole record, as in stage one. A
 * source read by JSON paths ({@code jsonl}) cannot be fed live. Single-threaded.
 */
final class LiveSource {
  private final Plan plan;
  private final SourceSpec spec;
  private final String name;
  private final Map<String, LiveTable> tables;
  private final Map<List<String>, BoundSource> byHeader = new HashMap<>();
  private final Map<Integer, BoundSource> byFieldCount = new HashMap<>();
  /** The layout of a source fed from code; null for a source that reads files. */
  private final CodeFields codeFields;
  private final Map<CodeFields.Shape, BoundSource> byShape = new EnumMap<>(CodeFields.Shape.class);
  private long sequence;

  LiveSource(Plan plan, SourceSpec spec, Map<String, LiveTable> tables) {
    this.plan = plan;
    this.spec = spec;
    this.name = spec.displayName();
    this.tables = tables;
    this.codeFields = spec.fedFromCode() ? CodeFields.of(spec) : null;
  }

  private void checkFedLive() {
    if (spec.format().type() == CsvFormat.Type.JSONL) {
      throw new IllegalArgumentException("source " + name + " reads JSON lines by JSON paths; a live writer feeds"
          + " sources read by field names or positions ($name, $1)");
    }
  }

  /** The rows of a map record (none when it is rejected; see {@link PendingRecord#reject}). */
  PendingRecord rows(Map<String, ?> fields) {
    checkFedLive();
    long seq = ++sequence;
    if (codeFields != null) {
      return rows(seq, codeFields.fromMap(fields, seq), bound(CodeFields.Shape.MAP));
    }
    LiveFields record = LiveFields.of(name, seq, fields);
    return rows(seq, record, bind(record));
  }

  /** The rows of a list record; see {@link #rows(Map)}. */
  PendingRecord rows(List<?> fields) {
    checkFedLive();
    long seq = ++sequence;
    if (codeFields != null) {
      CodeRecord record = codeFields.fromList(fields, seq);
      if (record == null) {
        PendingRecord rejected = new PendingRecord(name, seq);
        MalformedRecord malformed = codeFields.tooShort(fields, seq);
        rejected.reject(null, null, malformed.rawText(), malformed.reason());
        return rejected;
      }
      return rows(seq, record, bound(CodeFields.Shape.LIST));
    }
    LiveFields record = LiveFields.of(name, seq, fields);
    return rows(seq, record, bind(record));
  }

  private PendingRecord rows(long seq, IntFunction<String> fields, BoundSource bound) {
    PendingRecord record = new PendingRecord(name, seq);
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
          record.reject(table.name(), "for_each", e.value(), e.reason());
          break;
        }
        for (int i = 0; i < elements.size(); i++) {
          emit.forEach().get().position().at(i + 1);
          row(record, table, emit, fields, elements.get(i));
        }
      } catch (RowRejected e) {
        break;
      }
    }
    if (record.rejected()) {
      record.rows.clear();
    }
    return record;
  }

  private static boolean holds(BoundEmit emit, IntFunction<String> fields, PendingRecord record) {
    try {
      return emit.when().get().holds(fields, null);
    } catch (InvalidValueException e) {
      record.reject(emit.table().name(), "when", e.value(), e.reason());
      throw new RowRejected();
    }
  }

  /** A source fed from code, bound once per record shape with the header {@link CodeFields} gives. */
  private BoundSource bound(CodeFields.Shape shape) {
    return byShape.computeIfAbsent(shape, sh -> {
      List<String> header = codeFields.header(sh);
      return plan.bind(spec, Path.of(name), header, header.size());
    });
  }

  /** A source that reads files, bound once per key list of map records (its header) or per list size. */
  private BoundSource bind(LiveFields fields) {
    Path where = Path.of(name);
    if (!fields.header().isEmpty() && !spec.format().header()) {
      // its fields are $1, $2, ...: a map's iteration order would put values in the wrong columns
      throw new IllegalArgumentException("source '" + name + "' reads a file without a header (header: false), its"
          + " fields by position ($1, $2, ...): give its records as lists, not maps");
    }
    if (!fields.header().isEmpty()) {
      return byHeader.computeIfAbsent(fields.header(), h -> plan.bind(spec, where, h, h.size()));
    }
    return byFieldCount.computeIfAbsent(fields.fieldCount(), n -> {
      List<String> header = new ArrayList<>();
      if (spec.format().header()) {
        for (int i = 1; i <= n; i++) {
          header.add("$" + i);
        }
      }
      return plan.bind(spec, where, header, n);
    });
  }

  private void row(PendingRecord record, LiveTable table, BoundEmit emit, IntFunction<String> fields, String element) {
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

  private PendingRef ref(PendingRecord record, LiveTable owner, String column, BoundValue.Ref ref, IntFunction<String> fields,
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

  /**
   * The column value of {@code text}: a field handed in as a Java value whose class fits the column
   * is taken as it is ({@link JavaValues#toColumnValue}), as a spill takes it; anything else is
   * parsed from its text by the codec, as a CSV field is.
   */
  private static Object parse(PendingRecord record, LiveTable table, String column, Codec codec, BoundValue.Text text,
      IntFunction<String> fields, String element) {
    String raw = null;
    try {
      if (fields instanceof TypedFields typed && text instanceof BoundValue.Field field) {
        Object value = typed.typed(field.index());
        if (value != null && !(value instanceof String)) {
          raw = fields.apply(field.index());
          Object columnValue = JavaValues.toColumnValue(codec, value);
          if (columnValue != null) {
            return columnValue;
          }
        }
      }
      raw = text.text(fields, element); // a plan function may refuse its input, too
      return raw == null ? null : codec.parse(raw);
    } catch (InvalidValueException e) {
      record.reject(table.name(), column, e.value() != null ? e.value() : raw, e.reason());
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
