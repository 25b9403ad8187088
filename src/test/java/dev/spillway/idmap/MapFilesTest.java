package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapFilesTest {
  private static final List<String> AWKWARD = List.of(
      "package", "order items", "order_items", "a/b", "../../etc/passwd", "\"quoted\"", ".", "..", "ünïcödé",
      "x".repeat(300), "x".repeat(301), "Package", "tab\tname", "semi;colon");

  @Test
  void stemsAreSafeDistinctAndBounded() {
    Set<String> stems = new HashSet<>();
    for (String table : AWKWARD) {
      String stem = MapFiles.stem(table);
      assertTrue(stem.matches("[A-Za-z0-9_]{1,40}-[0-9a-f]{8}"), table + " -> " + stem);
      assertTrue(stems.add(stem), "duplicate stem " + stem);
    }
  }

  @Test
  void plainNamesStayReadable() {
    assertTrue(MapFiles.stem("order items").startsWith("order_items-"));
    assertNotEquals(MapFiles.stem("order items"), MapFiles.stem("order_items"));
  }

  @Test
  void filesLiveDirectlyInTheDirectoryAndSortByGeneration() {
    Path dir = Path.of("/spill/idmap");
    for (String table : AWKWARD) {
      MapFiles files = new MapFiles(dir, table);
      assertEquals(dir, files.checkpoint().getParent());
      assertEquals(dir, files.dataFile(7).getParent());
      assertTrue(files.dataFile(7).getFileName().toString().endsWith(".000007.cmap"));
    }
    MapFiles files = new MapFiles(dir, "t");
    assertTrue(files.dataFile(9).toString().compareTo(files.dataFile(10).toString()) < 0);
  }
}
