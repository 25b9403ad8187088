package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalKeyTest {
  @Test
  void encodingIsPinnedByteForByte() {
    byte[] expected = {0x01, 0x02, 'a', 'b', 0x00, 0x02, 10, 0x02, 0x01, 0x01, 0x00, 0x02, (byte) 0xAC, 0x02};
    assertArrayEquals(expected, NaturalKey.of("ab", null, 5L, -1L, "", 150L).toByteArray());
  }

  @Test
  void nullPartDiffersFromEmptyString() {
    assertFalse(Arrays.equals(NaturalKey.of((Object) null).toByteArray(), NaturalKey.of("").toByteArray()));
    assertFalse(Arrays.equals(NaturalKey.of("a", null).toByteArray(), NaturalKey.of("a", "").toByteArray()));
  }

  @Test
  void separatorsInsideTextNeverMimicSeveralParts() {
    assertDistinct(NaturalKey.of("a|b"), NaturalKey.of("a", "b"));
    assertDistinct(NaturalKey.of("ab", ""), NaturalKey.of("a", "b"));
    assertDistinct(NaturalKey.of("", "ab"), NaturalKey.of("ab", ""));
    assertDistinct(NaturalKey.of("a\u0000b"), NaturalKey.of("a", "b"));
    assertDistinct(NaturalKey.of("\u0001\u0001a"), NaturalKey.of("", "a"));
  }

  @Test
  void longPartsDifferFromTheirTextAndFromEachOther() {
    assertDistinct(NaturalKey.of(5L), NaturalKey.of("5"));
    assertDistinct(NaturalKey.of(0L), NaturalKey.of((Object) null));
    assertDistinct(NaturalKey.of(-1L), NaturalKey.of(1L));
    assertDistinct(NaturalKey.of(Long.MIN_VALUE), NaturalKey.of(Long.MAX_VALUE));
  }

  @Test
  void unpairedSurrogatesStayDistinct() {
    assertDistinct(NaturalKey.of("\uD800"), NaturalKey.of("?"));
    assertDistinct(NaturalKey.of("\uD800"), NaturalKey.of("\uFFFD"));
    assertDistinct(NaturalKey.of("\uDC00\uD800"), NaturalKey.of("\uD800\uDC00"));
    for (String s : List.of("\uD800", "x\uDBFF", "\uDC00\uD800", "\uD83D\uDE00", "é€")) {
      NaturalKey key = NaturalKey.of(s);
      assertEquals(Arrays.asList(s), NaturalKeyDecoder.decode(key.toByteArray(), 0, key.encodedLength()));
    }
  }

  @Test
  void validTextIsStandardUtf8() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      String s = randomValidString(random);
      byte[] encoded = NaturalKey.of(s).toByteArray();
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(utf8, Arrays.copyOfRange(encoded, encoded.length - utf8.length, encoded.length), s);
    }
  }

  /** Property: equal encodings only for equal part lists, and decoding gives the parts back. */
  @Test
  void randomCompositeKeysNeverCollideAndRoundTrip() {
    Random random = new Random(42);
    Map<ByteBuffer, List<Object>> seen = new HashMap<>();
    NaturalKey key = new NaturalKey();
    for (int i = 0; i < 200_000; i++) {
      List<Object> parts = KeyFixtures.randomParts(random);
      KeyFixtures.fill(key.clear(), parts);
      byte[] bytes = key.toByteArray();
      List<Object> previous = seen.putIfAbsent(ByteBuffer.wrap(bytes), parts);
      if (previous != null) {
        assertEquals(previous, parts, "collision on " + Arrays.toString(bytes));
      }
      assertEquals(parts, NaturalKeyDecoder.decode(bytes, 0, bytes.length));
      assertEquals(parts.size(), key.partCount());
    }
    assertTrue(seen.size() > 50_000, "fixture too repetitive: " + seen.size());
  }

  @Test
  void copyFromCopiesBytesAndPartsAndSameBytesComparesThem() {
    NaturalKey source = NaturalKey.of("pkg", 42L, null);
    NaturalKey copy = new NaturalKey().addText("something longer than the source, to be overwritten");
    copy.copyFrom(source);
    assertArrayEquals(source.toByteArray(), copy.toByteArray());
    assertEquals(3, copy.partCount());
    assertTrue(copy.sameBytes(source));
    source.clear().addText("pkg");
    assertFalse(copy.sameBytes(source), "a copy, not a view: changing the source leaves it");
    assertArrayEquals(NaturalKey.of("pkg", 42L, null).toByteArray(), copy.toByteArray());
    assertFalse(NaturalKey.of("ab").sameBytes(NaturalKey.of("a", "b")));
    assertTrue(NaturalKey.of("a", "b").sameBytes(NaturalKey.of("a", "b")));
  }

  @Test
  void clearedKeyEncodesLikeAFreshOne() {
    NaturalKey reused = NaturalKey.of("a long first key that grows the buffer".repeat(5), 7L);
    reused.clear().addText("x").addNull().addLong(3);
    assertArrayEquals(NaturalKey.of("x", null, 3L).toByteArray(), reused.toByteArray());
    assertEquals(3, reused.partCount());
  }

  @Test
  void describeQuotesTextAndNamesNull() {
    assertEquals("[\"a \\\"b\\\"\", NULL, 42, \"\\u000a\"]", NaturalKey.of("a \"b\"", null, 42L, "\n").toString());
  }

  @Test
  void tooLongKeyIsRefusedBeforeWritingThePart() {
    NaturalKey key = NaturalKey.of("first");
    int before = key.encodedLength();
    KeyTooLongException e = assertThrows(KeyTooLongException.class, () -> key.addText("x".repeat(NaturalKey.MAX_ENCODED_BYTES)));
    assertTrue(e.getMessage().contains("maximum " + NaturalKey.MAX_ENCODED_BYTES), e.getMessage());
    assertEquals(before + 1 + 2 + NaturalKey.MAX_ENCODED_BYTES, e.encodedBytes());
    assertEquals(before, key.encodedLength());
    assertEquals(1, key.partCount());
  }

  /** ASCII text takes a one-pass path; text that turns non-ASCII late must leave none of its bytes behind. */
  @Test
  void textTurningNonAsciiLateEncodesAsUtf8AndTooLongCountsUtf8Bytes() {
    NaturalKey key = NaturalKey.of("ab").addText("abc\u00e9").addText("z");
    byte[] expected = {0x01, 0x02, 'a', 'b', 0x01, 0x05, 'a', 'b', 'c', (byte) 0xC3, (byte) 0xA9, 0x01, 0x01, 'z'};
    assertArrayEquals(expected, key.toByteArray());
    assertEquals(3, key.partCount());
    int chars = NaturalKey.MAX_ENCODED_BYTES - 1 - 2; // fits as ASCII, one byte too many with one two-byte char
    NaturalKey full = new NaturalKey();
    KeyTooLongException e = assertThrows(KeyTooLongException.class, () -> full.addText("y".repeat(chars - 1) + "\u00e9"));
    assertEquals(NaturalKey.MAX_ENCODED_BYTES + 1, e.encodedBytes());
    assertEquals(0, full.encodedLength());
    assertEquals(0, full.partCount());
  }

  @Test
  void keyOfExactlyTheMaximumIsAccepted() {
    int textBytes = NaturalKey.MAX_ENCODED_BYTES - 1 - 2; // tag + two-byte varint
    assertEquals(NaturalKey.MAX_ENCODED_BYTES, NaturalKey.of("y".repeat(textBytes)).encodedLength());
  }

  @Test
  void decoderRejectsMalformedKeysNamingTheOffset() {
    assertMalformed(new byte[] {0x07}, "unknown key part tag 7 at byte 0");
    assertMalformed(new byte[] {0x00, 0x01, 0x05, 'a'}, "runs past the key end");
    assertMalformed(new byte[] {0x02, (byte) 0x80}, "truncated varint at byte 1");
    assertMalformed(new byte[] {0x02, (byte) 0x81, 0x00}, "overlong varint at byte 1");
    assertMalformed(new byte[] {0x01, 0x01, (byte) 0xC0}, "bad UTF-8 lead byte");
    assertMalformed(new byte[] {0x01, 0x02, (byte) 0xC3, 'a'}, "bad UTF-8 continuation byte");
  }

  private static void assertMalformed(byte[] bytes, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NaturalKeyDecoder.decode(bytes, 0, bytes.length));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(NaturalKeyDecoder.describe(bytes, 0, bytes.length).startsWith("<malformed key"));
  }

  private static void assertDistinct(NaturalKey a, NaturalKey b) {
    assertFalse(Arrays.equals(a.toByteArray(), b.toByteArray()), a + " and " + b + " encode alike");
  }

  private static String randomValidString(Random random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      int cp;
      do {
        cp = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(0x80);
          case 1 -> 0x80 + random.nextInt(0x780);
          case 2 -> 0x800 + random.nextInt(0xF800);
          default -> 0x10000 + random.nextInt(0x100000);
        };
      } while (cp >= 0xD800 && cp <= 0xDFFF);
      s.appendCodePoint(cp);
    }
    return s.toString();
  }
}
