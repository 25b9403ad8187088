package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoding layer under awkward input: a stream that hands out one byte (or a random number of
 * bytes) per read, multi-byte characters split across reads, invalid bytes anywhere.
 */
class DecodingReaderTest {

  /** Returns at most {@code maxChunk} bytes per read, sizes drawn from a seeded random. */
  private static final class ChoppyStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private final int maxChunk;
    private int position;

    ChoppyStream(byte[] data, long seed, int maxChunk) {
      this.data = data;
      this.random = new Random(seed);
      this.maxChunk = maxChunk;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }

  private static String readAll(DecodingReader reader, Random random) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[64];
    for (int n; (n = reader.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0; ) {
      out.append(buffer, 0, n);
    }
    return out.toString();
  }

  @Test
  void oneByteAtATimeDecodesMultiByteCharactersAndDropsTheBom() throws IOException {
    String text = "\uFEFFé€𝄞,x\r\nzß\n";
    DecodingReader reader = new DecodingReader(new ChoppyStream(text.getBytes(StandardCharsets.UTF_8), 1, 1), StandardCharsets.UTF_8);
    assertEquals("é€𝄞,x\r\nzß\n", readAll(reader, new Random(2)));
    assertEquals(-1, reader.read(new char[1], 0, 1));
    for (long line = 1; line <= 3; line++) {
      assertEquals(false, reader.claimInvalid(line, line), "line " + line);
    }
  }

  @Test
  void aMissingFinalLineBreakIsAddedAndAnEmptyInputStaysEmpty() throws IOException {
    assertEquals("a\n", readAll(new DecodingReader(new ByteArrayInputStream("a".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), new Random(1)));
    assertEquals("a\r", readAll(new DecodingReader(new ByteArrayInputStream("a\r".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), new Random(1)));
    assertEquals("", readAll(new DecodingReader(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8), new Random(1)));
    assertEquals("", readAll(new DecodingReader(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
        StandardCharsets.UTF_8), new Random(1)));
  }

  /**
   * Random text with invalid bytes at random places, read through random chunk sizes: the output
   * equals the JDK's replacing decoder's, and exactly the lines holding a U+FFFD are reported
   * invalid.
   */
  @Test
  void invalidBytesAreReportedOnTheirLinesWhateverTheChunking() throws IOException {
    String[] pieces = {"a", "é", "€", "𝄞", ",", "\"", "\n", "\r\n", "\r", "\n\n", "xyz"};
    byte[][] invalid = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF0, (byte) 0x9D}};
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0, n = random.nextInt(200); i < n; i++) {
        if (random.nextInt(12) == 0) {
          bytes.writeBytes(invalid[random.nextInt(invalid.length)]);
        } else {
          bytes.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] data = bytes.toByteArray();
      String expected = new String(data, StandardCharsets.UTF_8);
      if (!expected.isEmpty() && !expected.endsWith("\n") && !expected.endsWith("\r")) {
        expected += crLines(expected) ? "\r" : firstBreak(expected).equals("\r\n") ? "\r\n" : "\n";
      }
      DecodingReader reader = new DecodingReader(new ChoppyStream(data, seed, 1 + random.nextInt(9)), StandardCharsets.UTF_8);
      assertEquals(expected, readAll(reader, random), "seed " + seed);
      List<String> lines = lines(expected);
      for (int i = 0; i < lines.size(); i++) {
        long line = i + 1;
        assertEquals(lines.get(i).indexOf('\uFFFD') >= 0, reader.claimInvalid(line, line), "seed " + seed + " line " + line);
      }
    }
  }

  /** Splits at CR, LF and CRLF the way the CSV parser counts lines; the text ends with a break. */
  /** The lines of {@code text} as an editor shows them: ended by CR when its first line break is a CR alone, else by LF. */
  private static List<String> lines(String text) {
    char end = crLines(text) ? '\r' : '\n';
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == end) {
        lines.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    return lines;
  }

  private static boolean crLines(String text) {
    return firstBreak(text).equals("\r");
  }

  /** The first line break of {@code text} (LF, CR or CRLF), or "" when it has none. */
  private static String firstBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return "\n";
      } else if (c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      }
    }
    return "";
  }
}
