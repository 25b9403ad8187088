package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SpillDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aMissingDirectoryIsCreatedOwnerOnly() throws Exception {
    SpillDirectory dir = new OutputDirectory(tmp.resolve("a/b"), false).prepare();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.root())));
    assertTrue(Files.isDirectory(dir.segmentsDir()) && Files.isDirectory(dir.idmapDir()));
  }

  @Test
  void anEmptyDirectoryIsUsedWithoutForce() throws Exception {
    Files.createDirectory(tmp.resolve("out"));
    assertTrue(Files.isDirectory(new OutputDirectory(tmp.resolve("out"), false).prepare().segmentsDir()));
  }

  @Test
  void aFileIsRefused() throws Exception {
    Files.writeString(tmp.resolve("out"), "x");
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
        () -> new OutputDirectory(tmp.resolve("out"), true).prepare());
    assertTrue(e.getMessage().endsWith("exists and is not a directory; choose another --out"), e.getMessage());
  }

  @Test
  void aSpillWithoutManifestIsRefusedAndForceClearsIt() throws Exception {
    Files.createDirectories(tmp.resolve("out/segments"));
    Files.writeString(tmp.resolve("out/segments/0001-00000001.pgcopy.tmp"), "torn");
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
        () -> new OutputDirectory(tmp.resolve("out"), false).prepare());
    assertTrue(e.getMessage().contains("without a manifest"), e.getMessage());
    new OutputDirectory(tmp.resolve("out"), true).prepare();
    assertFalse(Files.exists(tmp.resolve("out/segments/0001-00000001.pgcopy.tmp")));
  }

  @Test
  void forceDeletesSymbolicLinksNotTheirTargets() throws Exception {
    Path precious = Files.createDirectory(tmp.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "keep");
    Files.createDirectories(tmp.resolve("out"));
    Files.createSymbolicLink(tmp.resolve("out/idmap"), precious);
    Files.writeString(tmp.resolve("out/plan.yaml"), "old");
    new OutputDirectory(tmp.resolve("out"), true).prepare();
    assertTrue(Files.exists(precious.resolve("keep.txt")), "the link's target is untouched");
    assertFalse(Files.isSymbolicLink(tmp.resolve("out/idmap")));
    assertFalse(Files.exists(tmp.resolve("out/plan.yaml")));
  }
}
