package dev.spillway.spill;

import dev.spillway.idmap.NaturalKey;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.PgType;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.TableSpec;
import java.util.List;

/**
 * Turns one table's natural key values into a {@link NaturalKey}, canonically: two keys get the
 * same bytes exactly when the server's unique index on the key columns would call them equal
 * (each column compared with its type's {@code =}), whichever way they reached stage one: the
 * table's own rows (values parsed by the column codecs, or ids of refs), refs to the table (key
 * parts parsed from input text by the same codecs) and the rows seeded from the database (the
 * server's {@code col::text} output, parsed likewise).
 *
 * <p>Per key column, resolved once when the table is set up:
 * <ul>
 *   <li>NULL is a NULL part (distinct from the empty string); rows never get such a key (key
 *       columns are NOT NULL: {@link RowKey} rejects the row) and refs with one are NULL, so
 *       only keys seeded from a database may hold one;
 *   <li>{@code smallint}, {@code integer}, {@code bigint} (also every column holding a ref's id) are
 *       long parts, so {@code 01}, {@code 1} and {@code +1} are one key;
 *   <li>every other type is a text part holding the codec's key form of the parsed value
 *       ({@link Codec#keyText}): its output as the server prints it, except where the type's
 *       equality is coarser than its output, so {@code 100.50} and {@code 100.5} in a
 *       {@code numeric} key, {@code -0} and {@code 0} in a {@code double precision} one,
 *       {@code 1 mon} and {@code 30 days} in an {@code interval} one, or two spellings of one
 *       {@code timestamptz}, are one key. Only the key is normalised: the row keeps the value as
 *       written ({@code 100.50} keeps its scale in the table).
 * </ul>
 * Immutable.
 */
final class KeyEncoder {
  /** Codec of each key column, in key order. */
  private final Codec[] codecs;
  /** Whether each key column is an integer type (encoded as a long part). */
  private final boolean[] integral;
  /** Ordinal of each key column in the table, in key order. */
  private final int[] ordinals;

  KeyEncoder(TableSpec table, Codec[] columnCodecs) {
    this.ordinals = table.keyOrdinals();
    this.codecs = new Codec[ordinals.length];
    this.integral = new boolean[ordinals.length];
    List<ColumnSpec> columns = table.columns();
    for (int i = 0; i < ordinals.length; i++) {
      codecs[i] = columnCodecs[ordinals[i]];
      integral[i] = isIntegral(columns.get(ordinals[i]));
    }
  }

  private static boolean isIntegral(ColumnSpec column) {
    PgType base = column.type().base();
    return !column.type().array() && (base == PgType.SMALLINT || base == PgType.INTEGER || base == PgType.BIGINT);
  }

  int partCount() {
    return codecs.length;
  }

  /** The codec of key part {@code part}: parses input text for it. */
  Codec codec(int part) {
    return codecs[part];
  }

  boolean integral(int part) {
    return integral[part];
  }

  /**
   * Appends key part {@code part} holding {@code value} (a value of the column's codec, a
   * {@code Long} id, or null). Throws {@link dev.spillway.idmap.KeyTooLongException} when the key
   * would pass {@link NaturalKey#MAX_ENCODED_BYTES}.
   */
  void addPart(NaturalKey key, int part, Object value) {
    if (value == null) {
      key.addNull();
    } else if (integral[part]) {
      key.addLong(((Number) value).longValue());
    } else {
      key.addText(codecs[part].keyText(value));
    }
  }

  /**
   * Clears {@code key} and encodes a key given as text, one part per key column (null for NULL),
   * e.g. the server's {@code ::text} output of an existing row. Throws
   * {@link dev.spillway.pgbinary.InvalidValueException} when a part is not valid for its column.
   */
  NaturalKey encodeTexts(List<String> texts, NaturalKey key) {
    key.clear();
    for (int i = 0; i < codecs.length; i++) {
      String text = texts.get(i);
      addPart(key, i, text == null ? null : codecs[i].parse(text));
    }
    return key;
  }

  /** Clears {@code key} and encodes the key columns of a full row (values by column ordinal). */
  NaturalKey encodeRow(Object[] row, NaturalKey key) {
    key.clear();
    for (int i = 0; i < ordinals.length; i++) {
      addPart(key, i, row[ordinals[i]]);
    }
    return key;
  }
}
