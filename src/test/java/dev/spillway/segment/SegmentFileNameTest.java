package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentFileNameTest {
  @Test
  void namesAreZeroPaddedAndSortInLoadOrder() {
    assertEquals("segments/0003-00000042.pgcopy", new SegmentFileName(3, 42).relativePath());
    assertEquals("9999-99999999.pgcopy.tmp", new SegmentFileName(9999, 99_999_999).tmpFileName());
    List<SegmentFileName> names = List.of(new SegmentFileName(2, 1), new SegmentFileName(1, 10), new SegmentFileName(1, 9));
    List<String> byName = new ArrayList<>(names.stream().map(SegmentFileName::fileName).toList());
    byName.sort(null);
    List<SegmentFileName> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(byName, sorted.stream().map(SegmentFileName::fileName).toList());
  }

  @Test
  void digitsStayAsciiInAnyLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
      assertEquals("segments/0003-00000042.pgcopy", new SegmentFileName(3, 42).relativePath());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void parsesWhatItFormats() {
    SegmentFileName n = new SegmentFileName(17, 12345);
    assertEquals(n, SegmentFileName.parseRelativePath(n.relativePath()));
    assertEquals(Optional.of(n), SegmentFileName.parseFileName(n.fileName()));
    assertEquals(Optional.empty(), SegmentFileName.parseFileName(n.tmpFileName()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "../segments/0001-00000001.pgcopy", "segments/../segments/0001-00000001.pgcopy",
      "segments/./0001-00000001.pgcopy", "segments\\0001-00000001.pgcopy", "C:/segments/0001-00000001.pgcopy",
      "segments/0001-00000001.pgcopy.tmp", "segments/1-1.pgcopy", "segments/0001-000000001.pgcopy",
      "segments/0000-00000001.pgcopy", "segments/0001-00000000.pgcopy", "0001-00000001.pgcopy",
      "segments/0001-00000001.PGCOPY", "segments//0001-00000001.pgcopy", "segments/0001-00000001.pgcopy/",
      "segments/０００１-00000001.pgcopy", ""})
  void refusesEverythingButTheStrictPattern(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentFileName.parseRelativePath(path));
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }

  @Test
  void rangesAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new SegmentFileName(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new SegmentFileName(10_000, 1));
    assertThrows(IllegalArgumentException.class, () -> new SegmentFileName(1, 100_000_000));
  }
}
