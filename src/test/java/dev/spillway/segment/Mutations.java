package dev.spillway.segment;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/** Test fixture for {@link SpillFuzzTest}: random, seeded damage to segment files and manifests. */
final class Mutations {
  private Mutations() {}

  /** Lengths worth trying in any length or count field. */
  private static final int[] HOSTILE_INTS = {Integer.MAX_VALUE, Integer.MIN_VALUE, SegmentFormat.MAX_FIELD_BYTES + 1,
      SegmentFormat.MAX_FIELD_BYTES, SegmentFormat.MAX_TUPLE_BYTES, SegmentFormat.MAX_METADATA_BYTES + 15, 1 << 20, 65536,
      -2, -1, 0, 1, 2};

  /** A damaged copy of a segment file: {@code stored} as on disk, {@code plain} its binary COPY stream. */
  static Mutation segment(Random random, byte[] stored, byte[] plain, Compression compression) {
    boolean zstd = compression == Compression.ZSTD;
    int kind = random.nextInt(zstd ? 10 : 8);
    switch (kind) {
      case 0 -> {
        byte[] b = stored.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return new Mutation(flips + " bit flip(s)", b);
      }
      case 1 -> {
        int n = random.nextInt(stored.length);
        return new Mutation("cut to " + n + " bytes", Arrays.copyOf(stored, n));
      }
      case 2 -> {
        byte[] b = stored.clone();
        int at = random.nextInt(b.length);
        int n = Math.min(b.length - at, 1 + random.nextInt(16));
        for (int i = at; i < at + n; i++) {
          b[i] = (byte) random.nextInt(256);
        }
        return new Mutation(n + " random bytes at " + at, b);
      }
      case 3 -> {
        byte[] extra = randomBytes(random, 1 + random.nextInt(32));
        return new Mutation(extra.length + " bytes appended to the file", concat(stored, extra));
      }
      case 4 -> {
        int at = random.nextInt(stored.length + 1);
        byte[] extra = randomBytes(random, 1 + random.nextInt(8));
        return new Mutation(extra.length + " bytes inserted at " + at, concat(Arrays.copyOf(stored, at), extra,
            Arrays.copyOfRange(stored, at, stored.length)));
      }
      case 5 -> {
        int at = random.nextInt(stored.length);
        int n = Math.min(stored.length - at, 1 + random.nextInt(8));
        return new Mutation(n + " bytes deleted at " + at, concat(Arrays.copyOf(stored, at),
            Arrays.copyOfRange(stored, at + n, stored.length)));
      }
      case 6 -> {
        Mutation m = lengthField(random, plain);
        return zstd ? recompressed(m) : m;
      }
      case 7 -> {
        Mutation m = plainAppended(random, plain);
        return zstd ? recompressed(m) : m;
      }
      default -> {
        return trailerField(random, stored);
      }
    }
  }

  /** A length or count word of the binary COPY stream set to a hostile or off-by-one value. */
  private static Mutation lengthField(Random random, byte[] plain) {
    List<Integer> intOffsets = new ArrayList<>(List.of(SegmentFormat.EXTENSION_LENGTH_OFFSET, SegmentFormat.METADATA_LENGTH_OFFSET));
    List<Integer> shortOffsets = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(plain);
    int p = 19 + b.getInt(15);
    while (b.getShort(p) != -1) {
      shortOffsets.add(p);
      int fields = b.getShort(p);
      p += 2;
      for (int f = 0; f < fields; f++) {
        intOffsets.add(p);
        p += 4 + Math.max(0, b.getInt(p));
      }
    }
    byte[] damaged = plain.clone();
    ByteBuffer d = ByteBuffer.wrap(damaged);
    if (random.nextInt(5) == 0) {
      int at = shortOffsets.get(random.nextInt(shortOffsets.size()));
      int value = random.nextBoolean() ? HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)] : d.getShort(at) + (random.nextBoolean() ? 1 : -1);
      d.putShort(at, (short) value);
      return new Mutation("field count at plain byte " + at + " set to " + (short) value, damaged);
    }
    int at = intOffsets.get(random.nextInt(intOffsets.size()));
    int old = d.getInt(at);
    int value = switch (random.nextInt(3)) {
      case 0 -> HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
      case 1 -> old + (random.nextBoolean() ? 1 : -1);
      default -> plain.length - at + random.nextInt(5) - 2;
    };
    d.putInt(at, value);
    return new Mutation("length at plain byte " + at + " changed from " + old + " to " + value, damaged);
  }

  /** Garbage, or a whole valid-looking tuple and trailer, after the binary COPY trailer. */
  private static Mutation plainAppended(Random random, byte[] plain) {
    if (random.nextBoolean()) {
      byte[] tuple = Tuples.idName(random.nextLong(), "appended");
      return new Mutation("a tuple and a second trailer appended after the trailer",
          concat(plain, tuple, new byte[] {(byte) 0xFF, (byte) 0xFF}));
    }
    byte[] extra = randomBytes(random, 1 + random.nextInt(16));
    return new Mutation(extra.length + " bytes of garbage after the binary COPY trailer", concat(plain, extra));
  }

  /** The zstd trailer's fields set to wrong values. */
  private static Mutation trailerField(Random random, byte[] stored) {
    byte[] b = stored.clone();
    ByteBuffer d = ByteBuffer.wrap(b);
    int trailer = b.length - ZstdTrailer.BYTES;
    long plainBytes = d.getLong(trailer + 18);
    long[] sizes = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1, plainBytes + 1, plainBytes - 1, 1L << 40, Integer.MAX_VALUE + 1L};
    switch (random.nextInt(4)) {
      case 0 -> {
        long v = sizes[random.nextInt(sizes.length)];
        d.putLong(trailer + 18, v);
        return new Mutation("trailer plain size set to " + v, b);
      }
      case 1 -> {
        d.putInt(trailer + 26, d.getInt(trailer + 26) + 1);
        return new Mutation("trailer plain CRC off by one", b);
      }
      case 2 -> {
        d.putShort(trailer + 16, (short) (1 + random.nextInt(5)));
        return new Mutation("trailer version changed", b);
      }
      default -> {
        int v = HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
        d.putInt(trailer + 4, Integer.reverseBytes(v));
        return new Mutation("skippable frame size set to " + v, b);
      }
    }
  }

  /** A plain-stream mutation stored as zstd behind an honest trailer: only the pgcopy rules and the manifest can tell. */
  private static Mutation recompressed(Mutation plainMutation) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZstdOutputStream z = new ZstdOutputStream(out, 3)) {
        z.setChecksum(true);
        z.write(plainMutation.bytes());
      }
      CRC32C crc = new CRC32C();
      crc.update(plainMutation.bytes());
      out.write(new ZstdTrailer(Math.max(1, plainMutation.bytes().length), (int) crc.getValue()).encode());
      return new Mutation(plainMutation.description() + ", recompressed behind an honest trailer", out.toByteArray(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- manifests ----

  private static final Pattern NUMBER = Pattern.compile("-?\\d+");
  private static final Pattern SEGMENT_FILE = Pattern.compile("segments/\\d{4}-\\d{8}\\.pgcopy(\\.zst)?");
  private static final String[] HOSTILE_NUMBERS = {"0", "-1", "1", "2147483648", "9223372036854775807",
      "-9223372036854775808", "99999999999999999999", "1e309", "1.0", "\"5\"", "null"};
  private static final String[] HOSTILE_PATHS = {"../../etc/passwd", "/etc/passwd", "segments/../manifest.json",
      "segments/0001-00000001.pgcopy.tmp", "segments/0001-00000002.pgcopy", "segments/0002-00000001.pgcopy.zst",
      "segments\\\\0001-00000001.pgcopy", "segments/0001-00000001.pgcopy/", ""};

  /** A damaged copy of a manifest's JSON. */
  static Mutation manifest(Random random, byte[] json) {
    String text = new String(json, StandardCharsets.UTF_8);
    switch (random.nextInt(8)) {
      case 0 -> {
        byte[] b = json.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return new Mutation(flips + " bit flip(s)", b);
      }
      case 1 -> {
        int n = random.nextInt(json.length);
        return new Mutation("cut to " + n + " bytes", Arrays.copyOf(json, n));
      }
      case 2 -> {
        byte[] b = json.clone();
        String alphabet = "{}[]\",:0123456789-eE.nulltruefalse \\u";
        int at = random.nextInt(b.length);
        for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(8)); i++) {
          b[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new Mutation("JSON-ish garbage at " + at, b);
      }
      case 3 -> {
        return replaceOne(random, text, NUMBER, m -> {
          long n = Long.parseLong(m);
          String[] choices = {String.valueOf(n + 1), String.valueOf(n - 1), HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)]};
          return choices[random.nextInt(choices.length)];
        }, "number");
      }
      case 4 -> {
        return replaceOne(random, text, SEGMENT_FILE, m -> HOSTILE_PATHS[random.nextInt(HOSTILE_PATHS.length)], "segment file");
      }
      case 5 -> {
        String swapped = text.contains("\"none\"") ? text.replaceFirst("\"none\"", "\"zstd\"") : text.replaceFirst("\"zstd\"", "\"none\"");
        return new Mutation("a segment's compression swapped", swapped.getBytes(StandardCharsets.UTF_8));
      }
      case 6 -> {
        return replaceOne(random, text, Pattern.compile("\"[0-9a-f]{8}\""), m -> "\"" + Crc32c.hex(random.nextInt()) + "\"", "CRC");
      }
      default -> {
        String[] members = {"rows", "bytes", "plainBytes", "sequence", "file", "crc32c", "table", "formatVersion", "state"};
        String member = members[random.nextInt(members.length)];
        String dup = text.replaceFirst("\"" + member + "\" : ", "\"" + member + "\" : 1, \"" + member + "\" : ");
        return new Mutation("member " + member + " duplicated", dup.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static Mutation replaceOne(Random random, String text, Pattern pattern, java.util.function.UnaryOperator<String> with,
      String what) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String old = text.substring(span[0], span[1]);
    String replacement = with.apply(old);
    String changed = text.substring(0, span[0]) + replacement + text.substring(span[1]);
    return new Mutation(what + " " + old + " at " + span[0] + " replaced by " + replacement, changed.getBytes(StandardCharsets.UTF_8));
  }

  // ---- bytes ----

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
