package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
  @Test
  void writeUtf8MatchesTheJdkEncoderWhileGrowingFromOneByte() {
    Random random = new Random(7);
    int[] pool = {'a', 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x1F389, 0x10FFFF, 0xE9};
    for (int round = 0; round < 500; round++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        s.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      ByteSink sink = new ByteSink(1);
      sink.writeByte(0x42).writeUtf8(s.toString());
      byte[] expected = ("B" + s).getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(expected, sink.toByteArray(), s.toString());
    }
  }

  @Test
  void truncateCutsBackButNotForward() {
    ByteSink sink = new ByteSink(2);
    sink.writeInt(1).writeInt(2);
    sink.truncate(4);
    assertEquals(4, sink.size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.truncate(5));
    assertEquals("newSize out of range: 5 (size 4)", e.getMessage());
  }
}
