package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.gzip;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.plan.CsvFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding B8: compressed data or UTF-16 under a plain name is recognised from its first bytes and
 * the message says what to do, naming standard input {@code stdin}; everything else reads as before.
 */
class InputMagicTest {
  @TempDir
  Path dir;

  private static final CsvFormat CSV = CsvFormat.csv().withHeader(true);

  private static String failure(InputBytes input, CsvFormat format) {
    return assertThrows(InputException.class,
        () -> SourceFixtures.readAll(input, SourceFixtures.source(input.file(), format))).getMessage();
  }

  @Test
  void gzipUnderAPlainNameOrOnStandardInputSaysHowToReadIt() throws Exception {
    byte[] gz = gzip("k,v\n1,2\n".getBytes(StandardCharsets.UTF_8));
    Path plain = write(dir, "data.csv", gz);
    assertEquals(plain + ": looks gzip-compressed (it starts with gzip's magic bytes 1f 8b): name it .gz, or pipe it "
        + "through zcat", failure(InputFiles.filesOnly().open(plain, false), CSV));
    InputFiles stdin = new InputFiles(new ByteArrayInputStream(gz));
    assertEquals("stdin: looks gzip-compressed (it starts with gzip's magic bytes 1f 8b): pipe it through zcat",
        failure(stdin.open(InputFiles.STDIN, true), CSV.withHeader(false)));
    Path named = write(dir, "data.csv.gz", "k,v\n1,2\n"); // the fixture gzips it
    assertEquals(List.of(List.of("1", "2")), SourceFixtures.readAll(named, CSV).values());
  }

  @Test
  void zstdUnderAPlainNameSaysHowToReadIt() {
    Path zst = write(dir, "data.jsonl", bytes(0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x00));
    assertEquals(zst + ": looks zstd-compressed (it starts with zstd's magic bytes 28 b5 2f fd): name it .zst, or pipe "
        + "it through zstdcat", failure(InputFiles.filesOnly().open(zst, false), CsvFormat.jsonl()));
  }

  @Test
  void aUtf16ByteOrderMarkAsksForEncodingUtf16AndThenReads() {
    byte[] utf16 = "\uFEFFk,v\n1,é\n".getBytes(StandardCharsets.UTF_16LE);
    Path file = write(dir, "wide.csv", utf16);
    assertEquals(file + ": starts with a UTF-16 byte order mark (ff fe), but is read as UTF-8: set encoding: UTF-16 in its "
        + "format", failure(InputFiles.filesOnly().open(file, false), CSV));
    assertEquals(file + ": starts with a UTF-16 byte order mark (ff fe), but is read as UTF-8: convert it to UTF-8 (e.g. "
        + "iconv -f UTF-16 -t UTF-8)", failure(InputFiles.filesOnly().open(file, false), CsvFormat.text()));
    SourceFixtures.Result r = SourceFixtures.readAll(file, CSV.withEncoding(StandardCharsets.UTF_16));
    assertEquals(List.of("k", "v"), r.header());
    assertEquals(List.of(List.of("1", "é")), r.values());
  }

  @Test
  void shortAndOrdinaryInputsReadAsBefore() {
    assertEquals(List.of(List.of("x")), SourceFixtures.readAll(write(dir, "one.csv", "x\n"), CsvFormat.csv()).values());
    assertEquals(List.of(), SourceFixtures.readAll(write(dir, "empty.csv", ""), CsvFormat.csv()).values());
    assertEquals(List.of(List.of("1")), SourceFixtures.readAll(write(dir, "short.csv", "1"), CsvFormat.csv()).values());
  }
}
