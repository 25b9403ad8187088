package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit code left for the launcher: digits and a newline; nothing without the property; a failure said, not thrown. */
class ExitCodeFileTest {
  @TempDir
  Path tmp;

  @Test
  void writesTheCodeOnlyWhereAsked() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Path file = Files.createFile(tmp.resolve("exit"));
    ExitCodeFile.write(file.toString(), 4, errStream);
    assertEquals("4\n", Files.readString(file));

    ExitCodeFile.write(null, 3, errStream);
    ExitCodeFile.write("", 3, errStream);
    assertEquals("", err.toString(StandardCharsets.UTF_8));

    Path gone = tmp.resolve("no-such-dir/exit");
    ExitCodeFile.write(gone.toString(), 5, errStream);
    assertEquals("spillway: warning: cannot leave the exit code 5 for the launcher in " + gone + ": " + gone
        + ": no such file or directory\n", err.toString(StandardCharsets.UTF_8), "in plain words, no exception class");
  }
}
