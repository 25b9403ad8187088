package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes input files and reads them back completely, collecting good and malformed records. */
final class CsvFixtures {
  private CsvFixtures() {}

  /** Everything a reader produced for one file. */
  record Result(List<String> header, int fieldCount, List<InputRecord> records, List<MalformedRecord> malformed) {
    List<List<String>> values() {
      return records.stream().map(InputRecord::values).toList();
    }

    List<Long> lines() {
      return records.stream().map(InputRecord::line).toList();
    }
  }

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), name.endsWith(".gz") ? gzip(bytes) : bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static Result readAll(Path file, CsvFormat format) {
    List<MalformedRecord> malformed = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(file, format, malformed::add)) {
      List<InputRecord> records = new ArrayList<>();
      for (InputRecord r; (r = reader.next()) != null; ) {
        records.add(r);
      }
      return new Result(reader.header(), reader.fieldCount(), records, malformed);
    }
  }

  /** Bytes from a mix of ints (for raw bytes) and strings (UTF-8). */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof Integer b) {
        out.write(b);
      } else {
        out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
