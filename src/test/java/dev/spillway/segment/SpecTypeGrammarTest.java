package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ColumnType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spill-format.md section 2c: spill files hold the canonical spelling only (a reader refuses
 * {@code INTEGER} where {@code integer} belongs, in the manifest and in segment metadata), and the
 * plan aliases the spec lists are the ones the parser reads, each to the canonical type the spec says.
 */
class SpecTypeGrammarTest {
  @TempDir
  Path tmp;

  @Test
  void everyAliasInTheSpecParsesToItsCanonicalTypeAndCanonicalNamesAreFixedPoints() {
    List<List<String>> rows = SpecText.table("| canonical | also accepted in a plan |");
    assertTrue(rows.size() >= 12, "alias rows: " + rows.size());
    Pattern code = Pattern.compile("`([^`]+)`");
    int aliases = 0;
    for (List<String> row : rows) {
      String canonical = row.get(0).replace("(n)", "(7)");
      assertEquals(canonical, ColumnType.parse(canonical).sqlName(), "canonical is a fixed point");
      assertEquals(canonical + "[]", ColumnType.parse(canonical + "[]").sqlName());
      Matcher m = code.matcher(row.get(1).contains("`") ? row.get(1) : "`" + row.get(1) + "`");
      while (m.find()) {
        String alias = m.group(1);
        if (alias.contains("(p")) {
          continue; // numeric(p) is numeric(p,0): checked below
        }
        String expected = row.get(0).contains("(n)") && !alias.contains("(n)") ? row.get(0).replace("(n)", "(1)") : canonical;
        assertEquals(expected, ColumnType.parse(alias.replace("(n)", "(7)")).sqlName(), alias);
        assertEquals(expected, ColumnType.parse(alias.replace("(n)", "(7)").toUpperCase()).sqlName(), alias);
        aliases++;
      }
    }
    assertTrue(aliases >= 16, "aliases checked: " + aliases);
    assertEquals("numeric(5,0)", ColumnType.parse("numeric(5)").sqlName());
    for (String[] example : List.of(new String[] {"INTEGER", "integer"}, new String[] {"int4", "integer"},
        new String[] {"numeric( 5 , 2 )", "numeric(5,2)"}, new String[] {"character varying(10)", "varchar(10)"},
        new String[] {"character varying(10) [ ]", "varchar(10)[]"})) {
      assertTrue(SpecText.spec().contains("`" + example[0] + "`"), "the spec gives the example " + example[0]);
      assertEquals(example[1], ColumnType.parse(example[0]).sqlName());
    }
  }

  @Test
  void aManifestWithANonCanonicalTypeIsRefused() throws Exception {
    Path root = tmp.resolve("m");
    TestSpill.in(root).table("item", TestSpill.ID_NAME, List.of(TestSpill.idName(1, "a"))).write();
    Path manifest = root.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"bigint\"", "\"int8\""));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> new ManifestStore(SpillDirectory.open(root)).read());
    assertTrue(e.getMessage().contains("type int8 is not in canonical form: expected bigint"), e.getMessage());
  }

  @Test
  void segmentMetadataWithANonCanonicalTypeIsRefusedInTheMetadata() throws Exception {
    Path root = tmp.resolve("s");
    Manifest m = TestSpill.in(root).table("item", TestSpill.ID_NAME, List.of(TestSpill.idName(1, "a"))).write();
    Path file = root.resolve(m.segments().get(0).file());
    byte[] bytes = Files.readAllBytes(file);
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = latin.indexOf("\"bigint\"");
    Files.write(file, latin.replace("\"bigint\"", "\"BIGINT\"").getBytes(StandardCharsets.ISO_8859_1));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> SegmentReader.scan(file));
    assertTrue(e.problem().contains("type BIGINT is not in canonical form: expected bigint"), e.getMessage());
    assertTrue(e.byteOffset() >= SegmentFormat.METADATA_OFFSET && e.byteOffset() <= at + 8, e.getMessage());
  }
}
