package dev.spillway.api;

import dev.spillway.input.TypedFields;
import dev.spillway.pgbinary.JavaValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A record from code given to a source that reads files ({@code file:}, with or without
 * {@code name:}) so that the same plan serves a CSV backfill and live writes: a {@code Map}'s keys
 * play the role of the file's header names, in the map's iteration order (each distinct key list
 * binds the source once); a {@code List} is positional. Values are Java values
 * ({@link JavaValues#supported}), their text forms computed by {@link JavaValues#text}. Sources fed
 * from code ({@code name:} without {@code file:}) go through {@code input.CodeFields} instead.
 * Immutable.
 *
 * @param header the field names (a map's keys), empty for a list record
 * @param values the values as handed in, null for SQL NULL
 */
record LiveFields(List<String> header, List<Object> values) implements IntFunction<String>, TypedFields {
  LiveFields {
    header = List.copyOf(header);
    values = java.util.Collections.unmodifiableList(Arrays.asList(values.toArray()));
  }

  static LiveFields of(String source, long sequence, Map<String, ?> fields) {
    List<String> names = new ArrayList<>(fields.size());
    List<Object> values = new ArrayList<>(fields.size());
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("source '" + source + "' record " + sequence + ": a field name is null");
      }
      names.add(e.getKey());
      values.add(checked(source, sequence, e.getKey(), e.getValue()));
    }
    return new LiveFields(names, values);
  }

  static LiveFields of(String source, long sequence, List<?> fields) {
    List<Object> values = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      values.add(checked(source, sequence, "$" + (i + 1), fields.get(i)));
    }
    return new LiveFields(List.of(), values);
  }

  private static Object checked(String source, long sequence, String field, Object value) {
    if (!JavaValues.supported(value)) {
      throw new IllegalArgumentException("source '" + source + "' record " + sequence + ": field " + field + " is a "
          + value.getClass().getName() + "; supported: " + JavaValues.SUPPORTED);
    }
    return value;
  }

  int fieldCount() {
    return values.size();
  }

  @Override
  public String apply(int index) {
    Object v = values.get(index);
    return v == null ? null : JavaValues.text(v);
  }

  @Override
  public Object typed(int index) {
    return values.get(index);
  }
}
