package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spillway.idmap.NaturalKey;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.ColumnType;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.OnDuplicate;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.TableSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys from input text, from parsed rows and from the server's ::text output encode alike, by the type's equality. */
class KeyEncoderTest {
  private final TableSpec table = new TableSpec("t",
      List.of(new ColumnSpec("id", ColumnType.parse("bigint")), new ColumnSpec("n", ColumnType.parse("integer")),
          new ColumnSpec("p", ColumnType.parse("numeric(6,2)")), new ColumnSpec("s", ColumnType.parse("text")),
          new ColumnSpec("d", ColumnType.parse("timestamptz"))),
      Optional.of("id"), List.of("n", "p", "s", "d"), OnDuplicate.FIRST, OnExisting.SKIP, Map.of());
  private final CodecRegistry registry = CodecRegistry.standard();
  private final Codec[] codecs = table.columns().stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
  private final KeyEncoder keys = new KeyEncoder(table, codecs);

  private byte[] fromTexts(String... parts) {
    return keys.encodeTexts(Arrays.asList(parts), new NaturalKey()).toByteArray();
  }

  @Test
  void spellingsOfOneValueAreOneKey() {
    byte[] server = fromTexts("1", "1.50", "x", "2024-05-01 12:00:00+00");
    assertArrayEquals(server, fromTexts("01", "1.5", "x", "2024-05-01T14:00:00+02:00"));
    assertArrayEquals(server, fromTexts(" +1", "1.500", "x", "2024-05-01 12:00:00Z"));
  }

  @Test
  void aParsedRowEncodesLikeItsText() {
    Object[] row = {7L, 1, codecs[2].parse("1.5"), "x", codecs[4].parse("2024-05-01 12:00:00+00")};
    assertArrayEquals(fromTexts("1", "1.50", "x", "2024-05-01 12:00:00+00"), keys.encodeRow(row, new NaturalKey()).toByteArray());
  }

  @Test
  void nullDiffersFromEmptyAndTextIsTakenAsIs() {
    assertFalse(Arrays.equals(fromTexts("1", "1", null, null), fromTexts("1", "1", "", null)));
    assertFalse(Arrays.equals(fromTexts("1", "1", "x", null), fromTexts("1", "1", " x", null)));
  }

  private static byte[] oneColumnKey(String type, String text) {
    TableSpec t = new TableSpec("k", List.of(new ColumnSpec("v", ColumnType.parse(type))), Optional.empty(), List.of("v"),
        OnDuplicate.FIRST, OnExisting.SKIP, Map.of());
    KeyEncoder k = new KeyEncoder(t, new Codec[] {CodecRegistry.standard().codecFor(ColumnType.parse(type))});
    return k.encodeTexts(Arrays.asList(text), new NaturalKey()).toByteArray();
  }

  /** The type's equality, not its output text (KeyTextServerTest asks the server for every type). */
  @Test
  void valuesTheTypeCallsEqualAreOneKey() {
    assertArrayEquals(oneColumnKey("numeric", "100.5"), oneColumnKey("numeric", "100.50"));
    assertArrayEquals(oneColumnKey("numeric", "0"), oneColumnKey("numeric", "-0.000"));
    assertArrayEquals(oneColumnKey("double precision", "0"), oneColumnKey("double precision", "-0"));
    assertArrayEquals(oneColumnKey("real", "NaN"), oneColumnKey("real", "-NaN"));
    assertArrayEquals(oneColumnKey("interval", "1 mon"), oneColumnKey("interval", "720:00:00"));
    assertArrayEquals(oneColumnKey("jsonb", "[1.0]"), oneColumnKey("jsonb", "[1]"));
    assertArrayEquals(oneColumnKey("numeric[]", "{1.0,NULL}"), oneColumnKey("numeric[]", "{1,NULL}"));
    assertFalse(Arrays.equals(oneColumnKey("numeric", "100.5"), oneColumnKey("numeric", "100.05")));
    assertFalse(Arrays.equals(oneColumnKey("interval", "1 mon"), oneColumnKey("interval", "31 days")));
    assertFalse(Arrays.equals(oneColumnKey("text[]", "{\"a,b\"}"), oneColumnKey("text[]", "{a,b}")));
  }
}
