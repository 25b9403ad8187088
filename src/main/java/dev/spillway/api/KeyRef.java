package dev.spillway.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A natural key of a table, structurally: each part is the key column's typed value (as its codec
 * parsed it) or, for a key column that is itself a ref, the referenced row's {@code KeyRef}. Two
 * rows or refs name the same row exactly when their KeyRefs are equal, whether that row is in the
 * database, pending in the same flush or created by a {@code missing: create}: so refs resolve in
 * any order (forward, self, cycles) without ids. Never holds a NULL part. Equal by content, a
 * {@code bytea} part's bytes included. Immutable.
 *
 * @param table the table the key belongs to
 * @param parts one value per key column, in key order
 */
record KeyRef(LiveTable table, List<Object> parts) {
  KeyRef {
    parts = Collections.unmodifiableList(Arrays.asList(parts.toArray()));
    if (parts.contains(null)) {
      throw new IllegalArgumentException("a key of " + table.name() + " with a NULL part: " + parts);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRef k && k.table == table && Arrays.deepEquals(k.parts.toArray(), parts.toArray());
  }

  @Override
  public int hashCode() {
    return 31 * System.identityHashCode(table) + Arrays.deepHashCode(parts.toArray());
  }

  /** {@code package[foo, 1]}, nested keys shown the same way. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(table.name()).append('[');
    for (int i = 0; i < parts.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(parts.get(i));
    }
    return s.append(']').toString();
  }
}
