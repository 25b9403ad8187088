package dev.spillway.api;

import dev.spillway.spill.KeyText;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A natural key of a table, structurally: each part is the key column's typed value (as its codec
 * parsed it) or, for a key column that is itself a ref, the referenced row's {@code KeyRef}. Two
 * rows or refs name the same row exactly when their KeyRefs are equal, whether that row is in the
 * database, pending in the same flush or created by a {@code missing: create}: so refs resolve in
 * any order (forward, self, cycles) without ids. Never holds a NULL part. Equal when each part is
 * equal as its column's type compares it ({@link dev.spillway.pgbinary.Codec#keyText}, as stage one
 * and the server's unique index do: {@code 100.50} and {@code 100.5} are one {@code numeric} part,
 * {@code 1 mon} and {@code 30 days} one {@code interval} part), a nested key by its own parts.
 * The parts keep the values as written. Immutable.
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
    return o instanceof KeyRef k && k.table == table && Arrays.equals(k.compared(), compared());
  }

  @Override
  public int hashCode() {
    return 31 * System.identityHashCode(table) + Arrays.hashCode(compared());
  }

  /** Each part's key form, or the nested key itself: what equality compares. */
  private Object[] compared() {
    Object[] forms = new Object[parts.size()];
    for (int i = 0; i < forms.length; i++) {
      Object p = parts.get(i);
      forms[i] = p instanceof KeyRef ? p : table.keyCodec(i).keyText(p);
    }
    return forms;
  }

  /** {@code package['foo', '1']}, as stage one shows keys ({@link KeyText}); nested keys shown the same way. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(table.name()).append('[');
    for (int i = 0; i < parts.size(); i++) {
      Object p = parts.get(i);
      s.append(i == 0 ? "" : ", ").append(p instanceof KeyRef ? p : KeyText.quote(table.keyCodec(i).format(p)));
    }
    return s.append(']').toString();
  }
}
