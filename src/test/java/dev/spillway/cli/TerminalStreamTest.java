package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The owner of the terminal's last line on its own: text that has not ended its line, and release. */
class TerminalStreamTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TerminalStream terminal = TerminalStream.over(new PrintStream(bytes, true, StandardCharsets.UTF_8),
      StandardCharsets.UTF_8);

  @Test
  void aBarWaitsForTheLineOfTextBeingWrittenToEnd() {
    terminal.drawBar("spill   10%");
    terminal.print("partial ");
    terminal.drawBar("spill   20%"); // not after "partial "
    terminal.println("text");
    assertEquals(List.of("partial text", "spill   20%"), RunTerminalLinesTest.screen(raw()), shown());
    terminal.print("never ended");
    terminal.endBar("spill  100%");
    assertEquals(List.of("partial text", "never ended", "spill  100%"), RunTerminalLinesTest.screen(raw()), shown());
    assertTrue(raw().endsWith("spill  100%" + System.lineSeparator()), shown());
  }

  @Test
  void aShorterBarIsPaddedOverALongerOne() {
    terminal.drawBar("spill   10%  starting a long field");
    terminal.drawBar("spill   20%");
    assertEquals(List.of("spill   20%"), RunTerminalLinesTest.screen(raw()).stream().map(String::stripTrailing).toList());
  }

  /** The signal note (Main's shutdown hook) and the end of main release the line: the note follows the bar, which is not drawn again. */
  @Test
  void afterReleaseTheBarEndsWhereItStandsAndIsNotDrawnAgain() {
    terminal.drawBar("spill   10%");
    terminal.release();
    terminal.println(Main.STOPPED);
    terminal.drawBar("spill   20%"); // the reading thread goes on until the process halts
    terminal.endBar("spill   30%");
    assertEquals(List.of("spill   10%", Main.STOPPED), RunTerminalLinesTest.screen(raw()), shown());
    assertTrue(raw().endsWith(Main.STOPPED + System.lineSeparator()), shown());
  }

  private String raw() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private String shown() {
    return raw().replace("\r", "\\r");
  }
}
