package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExitCodeMapperTest {
  private final ExitCodeMapper mapper = new ExitCodeMapper();
  private final Path segment = Path.of("spill/segments/0001-00000001.pgcopy");

  @Test
  void spillFileProblemsAreCorrupt() {
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new SpillFormatException(segment, 19, "bad flags")));
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new SpillIoException(segment, "reading segment",
        new IOException("Input/output error"))));
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new RuntimeException("wrapped",
        new SpillIoException(segment, "opening segment", new IOException("Permission denied")))));
  }

  @Test
  void otherIoFailuresStayUnexpected() {
    assertEquals(ExitCode.UNEXPECTED, mapper.exitCode(new UncheckedIOException("cannot write out.csv.tmp",
        new IOException("No space left on device"))));
  }

  @Test
  void anIdMapThatCannotBeWrittenIsAnUnusableSpillDirectoryNotAnUnexpectedError() {
    Path map = Path.of("spill/idmap/package-1a2b3c4d.0.dat");
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new dev.spillway.idmap.IdMapException("package", map,
        "cannot create generation 2", new IOException("No space left on device"))));
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new dev.spillway.idmap.IdMapException("package", map,
        "insert failed", new InternalError("a fault occurred in an unsafe memory access operation"))));
    assertEquals(ExitCode.UNEXPECTED, mapper.exitCode(new dev.spillway.idmap.IdMapException("package", map,
        "id space exhausted at 9223372036854775807")));
  }

  /** Finding B6 (session 6): an --out that cannot be created is a spill directory that cannot be written; a refusal is not. */
  @Test
  void anOutDirectoryThatCannotBeCreatedIsExit4ARefusalIsNot() {
    Path out = Path.of("/ro/spill");
    assertEquals(ExitCode.CORRUPT, mapper.exitCode(new dev.spillway.spill.OutputDirectoryException(out, "cannot create",
        new java.nio.file.FileSystemException("/ro/spill", null, "Read-only file system"))));
    assertEquals(ExitCode.UNEXPECTED, mapper.exitCode(new dev.spillway.spill.OutputDirectoryException(out,
        "exists and is not a spill directory")), "the commands turn a refusal into a usage error themselves");
  }
}
