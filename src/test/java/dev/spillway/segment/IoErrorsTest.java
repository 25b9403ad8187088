package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding B6 (session 6): I/O failures in plain words, without Java's class names. */
class IoErrorsTest {
  @TempDir
  Path tmp;

  @Test
  void fileSystemFailuresNameTheFileThenWhatWentWrong() {
    assertEquals("/x/s: permission denied", IoErrors.describe(new AccessDeniedException("/x/s")));
    assertEquals("nope.yaml: no such file or directory", IoErrors.describe(new NoSuchFileException("nope.yaml")));
    assertEquals("/ro/s: read-only file system",
        IoErrors.describe(new FileSystemException("/ro/s", null, "Read-only file system")));
    assertEquals("/a -> /b: no space left on device",
        IoErrors.describe(new FileSystemException("/a", "/b", "No space left on device")));
    assertEquals("/d: I/O error", IoErrors.describe(new FileSystemException("/d", null, "I/O error")), "an acronym stays");
    assertEquals("unexpected end of file", IoErrors.describe(new EOFException()));
    assertEquals("Unexpected end of ZLIB input stream", IoErrors.describe(new EOFException("Unexpected end of ZLIB input stream")));
  }

  /** What the JDK really throws: a missing file read, and a directory made under a regular file. */
  @Test
  void theJdksOwnExceptionsAreWordedToo() throws IOException {
    IOException missing = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> Files.readAllBytes(tmp.resolve("nope")));
    assertEquals(tmp.resolve("nope") + ": no such file or directory", IoErrors.describe(missing));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    IOException under = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> Files.createDirectory(file.resolve("sub")));
    assertFalse(IoErrors.describe(under).contains("Exception"), IoErrors.describe(under));
    assertTrue(IoErrors.describe(under).startsWith(file.resolve("sub") + ": "), IoErrors.describe(under));
  }

  @Test
  void aMessageThatQuotedTheExceptionIsRewrittenWhereverItWasMade() {
    AccessDeniedException denied = new AccessDeniedException("/in.csv");
    RuntimeException wrapped = new RuntimeException("outer", new UncheckedIOException("x", denied));
    assertEquals("/in.csv: cannot open: /in.csv: permission denied",
        IoErrors.plain("/in.csv: cannot open: " + denied, wrapped));
    assertEquals("no I/O failure quoted", IoErrors.plain("no I/O failure quoted", wrapped));
    assertTrue(IoErrors.isIo(wrapped));
    assertFalse(IoErrors.isIo(new RuntimeException("refused")));
  }
}
