package dev.spillway.plan;

import java.util.List;

/**
 * The fields of a JSON lines record, which also know the JSON values behind them: a
 * {@code for_each} over a JSON array gets one element per array element (not a split text), and
 * {@code $_.name} reads a member of the current element. Implemented by the jsonl reader's records.
 */
public interface JsonElements {
  /**
   * The for_each elements of field {@code index}, as the texts {@code $_} gives (see
   * {@link JsonPath#text}): every element of an array, nulls and repeats included, in order; an
   * object is one element; JSON null or a missing value none. Null when the value is a string,
   * number or boolean: its text is split like a CSV field's. The elements become the current ones for
   * {@link #elementText} until the next call.
   */
  List<String> elements(int index);

  /**
   * The value of {@code path} in the current element whose text is {@code element} (the one
   * {@code $_} gives for the row being built), as text; NULL when the path misses.
   */
  String elementText(JsonPath path, String element);
}
