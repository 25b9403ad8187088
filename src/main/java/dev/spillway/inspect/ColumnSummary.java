package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.util.List;

/**
 * A column as {@code inspect} shows it.
 *
 * @param name the column's name
 * @param type its type, canonical spelling ({@code numeric(12,2)})
 */
public record ColumnSummary(String name, String type) {
  static List<ColumnSummary> of(List<SpillColumn> columns) {
    return columns.stream().map(c -> new ColumnSummary(c.name(), c.type().sqlName())).toList();
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
