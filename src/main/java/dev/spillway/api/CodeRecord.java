package dev.spillway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One record handed in from code, as the fields a source's bound emits read ({@code fields.apply(i)}
 * is field {@code i}'s text, null for SQL NULL): a {@code Map}'s keys play the role of header names
 * (in the map's iteration order), a {@code List} is positional ({@code $1} is its first element).
 * Values become text through {@link ValueText}. Immutable.
 *
 * @param header the field names (a map's keys), empty for a list record
 * @param texts  each field's text, null for NULL
 */
record CodeRecord(List<String> header, List<String> texts) implements IntFunction<String> {
  CodeRecord {
    header = List.copyOf(header);
    texts = java.util.Collections.unmodifiableList(new ArrayList<>(texts));
  }

  static CodeRecord of(Map<String, ?> fields) {
    List<String> names = new ArrayList<>(fields.size());
    List<String> texts = new ArrayList<>(fields.size());
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("a record's field name is null: " + fields.keySet());
      }
      names.add(e.getKey());
      texts.add(ValueText.of(e.getKey(), e.getValue()));
    }
    return new CodeRecord(names, texts);
  }

  static CodeRecord of(List<?> fields) {
    List<String> texts = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      texts.add(ValueText.of("$" + (i + 1), fields.get(i)));
    }
    return new CodeRecord(List.of(), texts);
  }

  int fieldCount() {
    return texts.size();
  }

  @Override
  public String apply(int index) {
    return texts.get(index);
  }
}
