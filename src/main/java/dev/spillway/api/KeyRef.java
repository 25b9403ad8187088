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
 * The parts keep the values as written; the compared form is computed once, when the key is made.
 * Immutable.
 */
final class KeyRef {
  private final LiveTable table;
  private final List<Object> parts;
  /** Each part's key form, or the nested key itself: what equality compares. */
  private final Object[] compared;
  private final int hash;

  /**
   * @param table the table the key belongs to
   * @param parts one value per key column, in key order
   */
  KeyRef(LiveTable table, List<Object> parts) {
    this.table = table;
    this.parts = Collections.unmodifiableList(Arrays.asList(parts.toArray()));
    if (this.parts.contains(null)) {
      throw new IllegalArgumentException("a key of " + table.name() + " with a NULL part: " + parts);
    }
    this.compared = new Object[this.parts.size()];
    for (int i = 0; i < compared.length; i++) {
      Object p = this.parts.get(i);
      compared[i] = p instanceof KeyRef ? p : table.keyCodec(i).keyText(p);
    }
    this.hash = 31 * System.identityHashCode(table) + Arrays.hashCode(compared);
  }

  /** The table the key belongs to. */
  LiveTable table() {
    return table;
  }

  /** One value per key column, in key order, as written. */
  List<Object> parts() {
    return parts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRef k && k.table == table && k.hash == hash && Arrays.equals(k.compared, compared);
  }

  @Override
  public int hashCode() {
    return hash;
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
