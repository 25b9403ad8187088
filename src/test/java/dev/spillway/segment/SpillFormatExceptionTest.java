package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpillFormatExceptionTest {
  private static final Path FILE = Path.of("spill", "segments", "0001-00000001.pgcopy");

  @Test
  void messageNamesTheOffsetWhenKnown() {
    assertEquals(FILE + " at byte 19: bad flags", new SpillFormatException(FILE, 19, "bad flags").getMessage());
    assertEquals(FILE + " at byte 0: bad signature", new SpillFormatException(FILE, 0, "bad signature").getMessage());
  }

  @Test
  void messageOmitsAnUnknownOffset() {
    SpillFormatException e = new SpillFormatException(FILE, -1, "row count: expected 3 (manifest), found 2");
    assertEquals(FILE + ": row count: expected 3 (manifest), found 2", e.getMessage());
    assertEquals(-1, e.byteOffset());
    assertEquals(FILE + ": missing", new SpillFormatException(FILE, -1, "missing", new RuntimeException()).getMessage());
  }
}
