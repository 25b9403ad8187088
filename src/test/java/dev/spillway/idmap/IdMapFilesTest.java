package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence, permissions, file names and the refusal of crashed or tampered maps. */
class IdMapFilesTest {
  @TempDir Path dir;

  @Test
  void directoriesAre0700AndFiles0600() throws IOException {
    Path idmap = dir.resolve("spill").resolve("idmap");
    try (IdMaps maps = new IdMaps(idmap)) {
      maps.openIdMap("package", 100, 8).assign(NaturalKey.of("a"));
      maps.openKeySet("tag", 100, 8).addIfAbsent(NaturalKey.of("b"));
    }
    assertEquals("rwx------", mode(idmap));
    assertEquals("rwx------", mode(idmap.getParent()));
    List<Path> files = list(idmap);
    assertEquals(4, files.size(), files.toString());
    for (Path file : files) {
      assertEquals("rw-------", mode(file), file.toString());
    }
  }

  @Test
  void awkwardTableNamesGetTheirOwnFilesInsideTheDirectory() throws IOException {
    List<String> tables = List.of("order items", "order_items", "a/b", "../../x", "\"q\"", ".", "ünï", "t".repeat(200));
    try (IdMaps maps = new IdMaps(dir)) {
      for (String table : tables) {
        IdMap map = maps.openIdMap(table, 100, 8);
        map.seed(NaturalKey.of("k"), tables.indexOf(table) + 100);
      }
    }
    assertEquals(2 * tables.size(), list(dir).size());
    assertTrue(list(dir).stream().allMatch(Files::isRegularFile));
    try (IdMaps maps = new IdMaps(dir)) {
      for (String table : tables) {
        assertEquals(tables.indexOf(table) + 100, maps.openIdMap(table, 100, 8).lookup(NaturalKey.of("k")), table);
      }
    }
  }

  @Test
  void growthLeavesOnlyTheLiveGenerationBehind() throws IOException {
    int keys = 20_000;
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("t", 1, 8);
      NaturalKey key = new NaturalKey();
      for (int i = 0; i < keys; i++) {
        map.assign(key.clear().addLong(i));
      }
    }
    int generation = 1;
    for (long capacity = RehashingMap.MIN_CAPACITY_ENTRIES; capacity < keys; capacity *= RehashingMap.GROWTH_FACTOR) {
      generation++;
    }
    assertTrue(generation > 2, "fixture too small to grow: " + generation);
    List<String> dataFiles = list(dir).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cmap")).toList();
    assertEquals(List.of(new MapFiles(dir, "t").dataFile(generation).getFileName().toString()), dataFiles);
  }

  @Test
  void aMapLeftOpenByACrashIsRefused() throws IOException {
    Path crashed = dir.resolve("crashed");
    try (IdMaps maps = new IdMaps(dir.resolve("live"))) {
      IdMap map = maps.openIdMap("package", 100, 8);
      map.assign(NaturalKey.of("a"));
      copyDirectory(dir.resolve("live"), crashed); // the files as a crash would leave them
    }
    try (IdMaps maps = new IdMaps(crashed)) {
      IdMapCorruptException e = assertThrows(IdMapCorruptException.class, () -> maps.openIdMap("package", 100, 8));
      assertTrue(e.getMessage().contains("left open by a crashed or still running spill"), e.getMessage());
      assertTrue(e.getMessage().contains("\"package\""), e.getMessage());
      assertEquals(new MapFiles(crashed, "package").checkpoint(), e.file());
    }
    try (IdMaps maps = new IdMaps(dir.resolve("live"))) {
      assertEquals(1, maps.openIdMap("package", 100, 8).lookup(NaturalKey.of("a")));
    }
  }

  @Test
  void aDamagedCheckpointIsRefused() throws IOException {
    MapFiles files = closedMap("t", 3);
    byte[] bytes = Files.readAllBytes(files.checkpoint());
    bytes[30] ^= 0x10;
    Files.write(files.checkpoint(), bytes);
    assertRefused("t", "checkpoint crc32c mismatch");
  }

  @Test
  void aCheckpointOfAnotherTableIsRefused() throws IOException {
    MapFiles a = closedMap("a", 3);
    MapFiles b = closedMap("b", 3);
    Files.copy(a.checkpoint(), b.checkpoint(), StandardCopyOption.REPLACE_EXISTING);
    assertRefused("b", "checkpoint belongs to table \"a\"");
  }

  @Test
  void aDataFileDisagreeingWithTheCheckpointIsRefused() throws IOException {
    MapFiles a = closedMap("a", 3);
    MapFiles b = closedMap("b", 5);
    Files.copy(b.dataFile(1), a.dataFile(1), StandardCopyOption.REPLACE_EXISTING);
    assertRefused("a", "entry count: expected 3 (checkpoint), found 5 (data file)");
  }

  /** I/O failures are said in plain words (IoErrors), not as a Java exception's toString. */
  @Test
  void filesThatCannotBeOpenedAreSaidInPlainWords() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("idmap"), "x");
    IdMapException e = assertThrows(IdMapException.class, () -> new IdMaps(notADirectory).close());
    assertTrue(e.getMessage().endsWith("cannot create the idmap directory: " + notADirectory + ": file exists"),
        e.getMessage());

    MapFiles files = closedMap("t", 3);
    Files.delete(files.checkpoint());
    Files.createDirectory(files.checkpoint());
    try (IdMaps maps = new IdMaps(dir)) {
      e = assertThrows(IdMapException.class, () -> maps.openIdMap("t", 100, 8));
    }
    assertTrue(e.getMessage().contains("cannot open: "), e.getMessage());
    assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
  }

  @Test
  void aGarbledDataFileHeaderIsRefused() throws IOException {
    MapFiles files = closedMap("t", 3);
    byte[] bytes = Files.readAllBytes(files.dataFile(1));
    Random random = new Random(9);
    for (int i = 16; i < 512; i++) {
      bytes[i] = (byte) random.nextInt();
    }
    Files.write(files.dataFile(1), bytes);
    assertRefused("t", "cannot reopen data file");
  }

  @Test
  void missingAndLeftoverDataFilesAreRefused() throws IOException {
    MapFiles missing = closedMap("missing", 2);
    Files.delete(missing.dataFile(1));
    assertRefused("missing", "live data file of generation 1 is missing");

    MapFiles leftover = closedMap("leftover", 2);
    Files.copy(leftover.dataFile(1), leftover.dataFile(2));
    assertRefused("leftover", "unexpected data file: the checkpoint names generation 1 as live");

    MapFiles orphan = closedMap("orphan", 2);
    Files.delete(orphan.checkpoint());
    assertRefused("orphan", "data file without a checkpoint");
  }

  @Test
  void aTableCannotBeOpenTwiceAtOnce() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap first = maps.openIdMap("t", 100, 8);
      assertThrows(IllegalStateException.class, () -> maps.openIdMap("t", 100, 8));
      assertThrows(IllegalStateException.class, () -> maps.openKeySet("t", 100, 8));
      first.assign(NaturalKey.of("x"));
      first.close();
      assertEquals(1, maps.openIdMap("t", 100, 8).lookup(NaturalKey.of("x")));
    }
  }

  @Test
  void sizingArgumentsAreChecked() {
    try (IdMaps maps = new IdMaps(dir)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maps.openIdMap("t", 0, 8));
      assertTrue(e.getMessage().contains("expectedEntries < 1: 0"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> maps.openIdMap("t", 10, 0));
      assertThrows(IllegalArgumentException.class, () -> maps.openIdMap("", 10, 8));
      assertThrows(IllegalArgumentException.class, () -> new IdMaps(dir, 3));
    }
  }

  private MapFiles closedMap(String table, int keys) {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap(table, 100, 8);
      for (int i = 0; i < keys; i++) {
        map.assign(NaturalKey.of(table, (long) i));
      }
    }
    return new MapFiles(dir, table);
  }

  private void assertRefused(String table, String expected) {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMapCorruptException e = assertThrows(IdMapCorruptException.class, () -> maps.openIdMap(table, 100, 8));
      assertTrue(e.getMessage().contains(expected), e.getMessage());
      assertEquals(table, e.table());
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path file : list(from)) {
      Files.copy(file, to.resolve(file.getFileName()));
    }
  }
}
