package dev.spillway.segment;

import dev.spillway.pgbinary.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: binary COPY tuples for a (bigint, text) table built by hand, as the binary COPY
 * format defines them (int8 payload: 8 bytes big-endian; text payload: UTF-8 bytes). Independent of
 * the pgbinary codecs.
 */
final class Tuples {
  private Tuples() {}

  static final List<SpillColumn> ID_NAME = List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("name", "text"));

  /** A (bigint, text) tuple; {@code text} null means SQL NULL. */
  static byte[] idName(long id, String text) {
    ByteSink t = new ByteSink();
    t.writeShort(2);
    t.writeInt(8).writeLong(id);
    if (text == null) {
      t.writeInt(-1);
    } else {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      t.writeInt(utf8.length).write(utf8);
    }
    return t.toByteArray();
  }

  /** Size of {@link #idName} with a text of {@code textBytes} UTF-8 bytes. */
  static int idNameBytes(int textBytes) {
    return 2 + 4 + 8 + 4 + textBytes;
  }

  static String randomText(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder();
    String alphabet = "abcxyz ,;\"'\\\n\tÄé€😀";
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return s.toString();
  }

  static SegmentHeader header(String table, int ordinal) {
    return SegmentHeader.first("spill-0001", table, ordinal, ID_NAME);
  }
}
