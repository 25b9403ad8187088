package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An emit's {@code for_each: {value: $tags, separator: ","}}: the emit produces one row per element
 * of the value, available as {@code $_}.
 *
 * @param value     an input column or a constant (never a ref or {@code $_})
 * @param separator the literal (not regex) element separator, non-empty; "," when not given
 */
public record ForEach(ValueExpr value, String separator) {
  public ForEach {
    Objects.requireNonNull(value, "value");
    checkArgument(separator != null && !separator.isEmpty(), "separator is empty: %s", separator);
  }

  /**
   * The elements of {@code text}: split at every separator, each trimmed, empty ones dropped, in
   * order (repeats kept; deduplication is the table key's job). NULL has no elements.
   */
  public List<String> elements(String text) {
    List<String> elements = new ArrayList<>();
    if (text == null) {
      return elements;
    }
    int from = 0;
    while (from <= text.length()) {
      int to = text.indexOf(separator, from);
      if (to < 0) {
        to = text.length();
      }
      String element = text.substring(from, to).strip();
      if (!element.isEmpty()) {
        elements.add(element);
      }
      from = to + separator.length();
    }
    return elements;
  }
}
