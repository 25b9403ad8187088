package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyBytesTest {
  /** Property: the same answer as Arrays.equals for every length from 0 to 40, at offsets, equal or one byte apart. */
  @Test
  void answersAsArraysEqualsForShortAndLongRangesAtOffsets() {
    Random random = new Random(5);
    for (int length = 0; length <= 40; length++) {
      for (int trial = 0; trial < 50; trial++) {
        byte[] a = new byte[length + 7];
        random.nextBytes(a);
        int aFrom = random.nextInt(8);
        int bFrom = random.nextInt(8);
        byte[] b = new byte[bFrom + length + random.nextInt(3)];
        System.arraycopy(a, aFrom, b, bFrom, Math.min(length, a.length - aFrom));
        if (length > 0 && aFrom + length <= a.length && random.nextBoolean()) {
          b[bFrom + random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
        }
        int n = Math.min(length, a.length - aFrom);
        assertEquals(Arrays.equals(a, aFrom, aFrom + n, b, bFrom, bFrom + n), KeyBytes.equalRanges(a, aFrom, b, bFrom, n),
            "length " + n + " at " + aFrom + "/" + bFrom);
      }
    }
  }
}
