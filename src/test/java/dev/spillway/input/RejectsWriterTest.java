package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejects file: header, CSV escaping, NULL vs empty, truncation, permissions, flushing. */
class RejectsWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesAHeaderAndEscapedLinesFlushedAsTheyGo() throws Exception {
    Path file = dir.resolve(RejectsWriter.FILE_NAME);
    try (RejectsWriter rejects = RejectsWriter.create(file)) {
      rejects.write("data/p.csv", 12, "package", "installed_kb", "12x", "invalid input syntax for type integer");
      rejects.write("data/p,2.csv", 3, "package", "name", "", "empty name");
      rejects.write("data/p.csv", 4, "dependency", "depends_on_id", null, "missing ref package[]");
      rejects.write(new MalformedRecord(Path.of("d.csv"), 7, "a,\"b\nc\"", "wrong number of fields: 2, expected 3"));
      assertEquals(4, rejects.rejectCount());
      assertEquals("""
          source_file,line,table,column,raw_value,reason
          data/p.csv,12,package,installed_kb,12x,invalid input syntax for type integer
          "data/p,2.csv",3,package,name,"",empty name
          data/p.csv,4,dependency,depends_on_id,,missing ref package[]
          d.csv,7,,,"a,""b
          c""\","wrong number of fields: 2, expected 3"
          """, Files.readString(file), "everything is on disk before close");
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void longValuesAreTruncatedWithAMarkerAndNulIsShown() throws Exception {
    Path file = dir.resolve("r.csv");
    try (RejectsWriter rejects = RejectsWriter.create(file, 10)) {
      rejects.write("f", 1, "t", "c", "0123456789abcdef", "too long");
      rejects.write("f", 2, "t", "c", "123456789𝄞x", "pair");
      rejects.write("f", 3, "t", "c", "a\0b", "NUL byte in text");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals("f,1,t,c,0123456789…[truncated from 16 chars],too long", lines.get(1));
    assertEquals("f,2,t,c,123456789…[truncated from 12 chars],pair", lines.get(2));
    assertEquals("f,3,t,c,a\u2400b,NUL byte in text", lines.get(3));
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path file = Files.writeString(dir.resolve("rejects.csv"), "keep me");
    RejectsException e = assertThrows(RejectsException.class, () -> RejectsWriter.create(file));
    assertTrue(e.getMessage().startsWith("rejects file " + file + ": already exists"), e.getMessage());
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void writingAfterCloseIsAnError() {
    RejectsWriter rejects = RejectsWriter.create(dir.resolve("c.csv"));
    rejects.close();
    rejects.close();
    assertThrows(IllegalStateException.class, () -> rejects.write("f", 1, null, null, "x", "why"));
  }

  /** Regression: on a file system without POSIX permissions the file was created world-readable, silently. */
  @Test
  void aFileSystemWithoutPosixPermissionsIsRefusedNotSilentlyUsed() throws Exception {
    Path zip = dir.resolve("spill.zip");
    try (java.nio.file.FileSystem zipFs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      Path file = zipFs.getPath("/" + RejectsWriter.FILE_NAME);
      RejectsException e = assertThrows(RejectsException.class, () -> RejectsWriter.create(file));
      assertTrue(e.getMessage().contains("cannot be created owner-only (0600)")
          && e.getMessage().contains("no POSIX permissions"), e.getMessage());
      assertTrue(Files.notExists(file), "nothing created");
    }
  }
}
