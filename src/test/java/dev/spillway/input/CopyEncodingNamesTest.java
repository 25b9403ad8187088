package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.SourceSpec;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's encoding names in {@code encoding:} (finding C): the same bytes loaded by
 * {@code COPY ... (FORMAT csv, ENCODING 'name')} and read with {@code encoding: name} give the
 * same text, character for character.
 */
@ExtendWith(PgExtension.class)
class CopyEncodingNamesTest {
  @TempDir
  Path dir;

  /** Every PostgreSQL encoding Java has, spelled as COPY takes it, with a sample of its characters. */
  private static final List<String> NAMES = List.of("UTF8", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN7",
      "LATIN9", "LATIN10", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN866", "WIN874", "WIN1250", "WIN1251",
      "WIN1252", "WIN1253", "WIN1254", "WIN1255", "WIN1256", "WIN1257", "WIN1258", "KOI8R", "KOI8U", "EUC_JP", "EUC_CN",
      "EUC_KR", "EUC_TW", "SJIS", "BIG5", "GBK", "GB18030", "UHC");
  // JOHAB maps to Java's x-Johab too, but is not compared: PostgreSQL's JOHAB verifier takes only EUC-range
  // trail bytes (0xa1-0xfe) and so refuses most Johab text, Hangul included (0xd0 0x65)

  private static final String MULTIBYTE_SAMPLE = "日本語テキスト、漢字かな。中文简体繁體한국어텍스트";

  private SourceSpec source(String encoding, Path file) {
    return Plan.parse("""
        version: 1
        tables: {t: {columns: {k: text, v: text}}}
        sources:
          - file: %s
            format: {encoding: "%s"}
            emit: [{table: t, values: {k: $1, v: $2}}]
        """.formatted(file.getFileName(), encoding), dir.resolve("plan.yaml")).sources().get(0);
  }

  @Test
  void everyPostgresEncodingNameReadsTheBytesAsCopyDoes(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      for (String name : NAMES) {
        Path file = dir.resolve(name + ".csv");
        Charset charset = source(name, file).format().encoding();
        byte[] data = sample(charset);
        write(dir, file.getFileName().toString(), data);
        CopyVerdict copy = CopyVerdict.of(c, data, 2, "FORMAT csv, ENCODING '" + name + "'");
        SourceFixtures.Result ours = SourceFixtures.readAll(InputFiles.filesOnly().open(file, false), source(name, file));
        assertEquals(null, copy.error(), name);
        assertEquals(List.of(), ours.malformed(), name);
        assertEquals(copy.rows(), ours.values(), name + " as " + charset);
      }
    }
  }

  @Test
  void aliasesPunctuationAndCaseAreIgnoredAsPostgresIgnoresThem() {
    Path file = dir.resolve("x.csv");
    assertEquals("windows-1252", source("win-1252", file).format().encoding().name());
    assertEquals("windows-1252", source("Windows1252", file).format().encoding().name());
    assertEquals("windows-1252", source("cp1252", file).format().encoding().name(), "Java's names still work");
    assertEquals("ISO-8859-15", source("latin9", file).format().encoding().name());
    assertEquals("windows-31j", source("WIN932", file).format().encoding().name());
    assertEquals("x-Johab", source("JOHAB", file).format().encoding().name());
    assertEquals("UTF-16", source("UTF-16", file).format().encoding().name());
    PlanException sqlAscii = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class, () -> source("SQL_ASCII", file));
    assertTrue(sqlAscii.getMessage().contains("SQL_ASCII is PostgreSQL's 'no encoding'"), sqlAscii.getMessage());
    PlanException latin6 = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class, () -> source("LATIN6", file));
    assertTrue(latin6.getMessage().contains("PostgreSQL's encoding LATIN6 (ISO-8859-10) is not supported by this Java runtime"),
        latin6.getMessage());
    PlanException unknown = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class, () -> source("klingon", file));
    assertTrue(unknown.getMessage().contains("unknown encoding 'klingon'"), unknown.getMessage());
  }

  /**
   * Two records {@code n,text}: a single-byte charset's every byte from 0xA0 up that it maps, a
   * multi-byte one's sample characters it can encode; UTF-8 both.
   */
  private static byte[] sample(Charset charset) throws Exception {
    StringBuilder text = new StringBuilder();
    if (charset.newEncoder().maxBytesPerChar() <= 1) {
      CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      for (int b = 0xA0; b <= 0xFF; b++) {
        try {
          CharBuffer one = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b}));
          text.append(one);
        } catch (java.nio.charset.CharacterCodingException e) {
          // a byte the charset leaves unmapped
        }
      }
    } else {
      MULTIBYTE_SAMPLE.codePoints().filter(cp -> charset.newEncoder().canEncode(new String(Character.toChars(cp))))
          .forEach(text::appendCodePoint);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("1,\"" + text.toString().replace("\"", "\"\"") + "\"\n").getBytes(charset));
    out.writeBytes("2,plain\n".getBytes(charset));
    return out.toByteArray();
  }
}
