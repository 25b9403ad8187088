package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SpillDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  @TempDir
  Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aMissingDirectoryIsCreatedOwnerOnly() throws Exception {
    try (OutputDirectory out = new OutputDirectory(tmp.resolve("a/b"), false)) {
      SpillDirectory dir = out.prepare();
      assertEquals("rwx------", mode(dir.root()));
      assertTrue(Files.isDirectory(dir.segmentsDir()) && Files.isDirectory(dir.idmapDir()));
      assertEquals("rw-------", mode(dir.lockFile()));
    }
  }

  @Test
  void anEmptyDirectoryIsUsedWithoutForce() throws Exception {
    Files.createDirectory(tmp.resolve("out"));
    try (OutputDirectory out = new OutputDirectory(tmp.resolve("out"), false)) {
      assertTrue(Files.isDirectory(out.prepare().segmentsDir()));
    }
  }

  /** Regression: an existing empty --out kept its mode, so the spill inside could be listed by others. */
  @Test
  void anEmptyDirectoryIsMadeOwnerOnly() throws Exception {
    Path existing = Files.createDirectory(tmp.resolve("out"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxrwxr-x"));
    try (OutputDirectory out = new OutputDirectory(existing, false)) {
      out.prepare();
    }
    assertEquals("rwx------", mode(existing));
  }

  @Test
  void aFileIsRefused() throws Exception {
    Files.writeString(tmp.resolve("out"), "x");
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
        () -> new OutputDirectory(tmp.resolve("out"), true).prepare());
    assertTrue(e.getMessage().endsWith("exists and is not a directory; choose another --out"), e.getMessage());
  }

  @Test
  void aDirectoryThatIsNotASpillIsRefusedBeforeALockFileIsWrittenIntoIt() throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/thesis.tex"), "precious");
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
        () -> new OutputDirectory(tmp.resolve("out"), true).prepare());
    assertTrue(e.getMessage().contains("is not a spill directory (it holds thesis.tex)"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out/.lock")));
  }

  @Test
  void aSpillWithoutManifestIsRefusedAndForceClearsIt() throws Exception {
    Files.createDirectories(tmp.resolve("out/segments"));
    Files.writeString(tmp.resolve("out/segments/0001-00000001.pgcopy.tmp"), "torn");
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
        () -> new OutputDirectory(tmp.resolve("out"), false).prepare());
    assertTrue(e.getMessage().contains("without a manifest"), e.getMessage());
    try (OutputDirectory out = new OutputDirectory(tmp.resolve("out"), true)) {
      out.prepare();
    }
    assertFalse(Files.exists(tmp.resolve("out/segments/0001-00000001.pgcopy.tmp")));
  }

  @Test
  void forceDeletesSymbolicLinksNotTheirTargets() throws Exception {
    Path precious = Files.createDirectory(tmp.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "keep");
    Files.createDirectories(tmp.resolve("out"));
    Files.createSymbolicLink(tmp.resolve("out/idmap"), precious);
    Files.writeString(tmp.resolve("out/plan.yaml"), "old");
    try (OutputDirectory out = new OutputDirectory(tmp.resolve("out"), true)) {
      out.prepare();
    }
    assertTrue(Files.exists(precious.resolve("keep.txt")), "the link's target is untouched");
    assertFalse(Files.isSymbolicLink(tmp.resolve("out/idmap")));
    assertFalse(Files.exists(tmp.resolve("out/plan.yaml")));
  }

  /** check() refuses what prepare() would, before any input is read, and writes nothing: no directory, lock or deletion. */
  @Test
  void checkRefusesWhatPrepareWouldAndWritesNothing() throws Exception {
    Path root = tmp.resolve("out");
    new OutputDirectory(root, false).check();
    assertFalse(Files.exists(root), "a missing directory is not created");
    Files.createDirectory(root);
    new OutputDirectory(root, false).check();
    assertFalse(Files.exists(root.resolve(".lock")), "no lock file");

    try (OutputDirectory first = new OutputDirectory(root, false)) {
      Files.writeString(first.prepare().planFile(), "old");
      OutputDirectoryException e = assertThrows(OutputDirectoryException.class, () -> new OutputDirectory(root, true).check());
      assertTrue(e.getMessage().contains("another spillway spill (process " + ProcessHandle.current().pid() + ") is "
          + "writing this directory"), e.getMessage());
    }
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class, () -> new OutputDirectory(root, false).check());
    assertTrue(e.getMessage().contains("already holds the start of a spill without a manifest (a run that crashed before writing one); use --force"), e.getMessage());
    new OutputDirectory(root, true).check();
    assertEquals("old", Files.readString(root.resolve("plan.yaml")), "--force deletes nothing before prepare()");

    Files.writeString(root.resolve("thesis.tex"), "precious");
    e = assertThrows(OutputDirectoryException.class, () -> new OutputDirectory(root, true).check());
    assertTrue(e.getMessage().contains("is not a spill directory (it holds thesis.tex)"), e.getMessage());
    Files.writeString(tmp.resolve("file"), "x");
    e = assertThrows(OutputDirectoryException.class, () -> new OutputDirectory(tmp.resolve("file"), true).check());
    assertTrue(e.getMessage().endsWith("exists and is not a directory; choose another --out"), e.getMessage());
  }

  /** A lock file that cannot be opened is said in plain words (IoErrors), not as a Java exception's toString. */
  @Test
  void aLockFileThatCannotBeOpenedIsSaidInPlainWords() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("out"));
    Path lock = Files.createDirectory(root.resolve(".lock"));
    OutputDirectoryException e = assertThrows(OutputDirectoryException.class, () -> OutputLock.acquire(root, lock).close());
    assertEquals(root + ": cannot open its lock file " + lock + ": " + lock + ": is a directory", e.getMessage());
  }

  /** Regression: --out had no lock; a second run (with --force) deleted the files of a running one. */
  @Test
  void aDirectoryAnotherRunHoldsIsRefusedEvenWithForceUntilItIsReleased() throws Exception {
    Path root = tmp.resolve("out");
    try (OutputDirectory first = new OutputDirectory(root, false)) {
      SpillDirectory dir = first.prepare();
      Files.writeString(dir.planFile(), "being written");
      OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
          () -> new OutputDirectory(root, true).prepare());
      assertEquals(root + ": another spillway spill (process " + ProcessHandle.current().pid() + ") is writing this "
          + "directory (it holds .lock); wait for it to finish or choose another --out (--force never takes over a "
          + "running spill)", e.getMessage());
      assertEquals("being written", Files.readString(dir.planFile()), "nothing deleted");
    }
    try (OutputDirectory second = new OutputDirectory(root, true)) {
      second.prepare();
    }
    assertFalse(Files.exists(root.resolve("plan.yaml")), "released: --force works again");
  }

  @Test
  void aLockHeldByAnotherProcessIsRefused() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("out"));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        root.resolve(".lock").toString()).redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", lines.readLine(), "the other process holds the lock");
      OutputDirectoryException e = assertThrows(OutputDirectoryException.class,
          () -> new OutputDirectory(root, true).prepare());
      assertTrue(e.getMessage().contains("another spillway spill (process " + holder.pid() + ") is writing"), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    try (OutputDirectory out = new OutputDirectory(root, false)) {
      out.prepare();
    }
  }
}
