package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the manifest and header records; failures echo the bad value. */
final class Names {
  private Names() {}

  /** Table names, spill ids and schema names: non-empty, no NUL. */
  static void checkName(String what, String value) {
    checkArgument(value != null && !value.isEmpty(), "%s is missing or empty", what);
    checkArgument(value.indexOf('\0') < 0, "%s contains a NUL character: %s", what, value.replace('\0', '?'));
  }

  static <T> List<T> copyNoNulls(String what, List<T> list) {
    checkArgument(list != null, "%s is missing", what);
    for (int i = 0; i < list.size(); i++) {
      checkArgument(list.get(i) != null, "%s[%s] is null", what, i);
    }
    return List.copyOf(list);
  }

  /** Columns: 1 .. MAX_COLUMNS, unique names. */
  static List<SpillColumn> checkColumns(String owner, List<SpillColumn> columns) {
    List<SpillColumn> copy = copyNoNulls(owner + " columns", columns);
    checkArgument(!copy.isEmpty() && copy.size() <= SegmentFormat.MAX_COLUMNS,
        "%s has %s columns; expected 1 to %s", owner, copy.size(), SegmentFormat.MAX_COLUMNS);
    Set<String> seen = new HashSet<>();
    for (SpillColumn c : copy) {
      checkArgument(seen.add(c.name()), "%s has column %s twice", owner, c.name());
    }
    return copy;
  }
}
