package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.load.ChildLoad;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding B2 (session 6): what a signal's note says is true for the command it stopped. load and
 * run resume; spill cannot (its open directory needs --force, and stage one starts over); a
 * --force run is another spill; read-only commands have nothing to resume.
 */
class SignalNoteTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private static String stopped(String... args) {
    return Main.stoppedLine(Main.commandLine(CliContext.system(), args).parseArgs(args));
  }

  @Test
  void eachCommandSaysWhatWorksForIt() {
    String load = stopped("load", "dir", "--url", "postgresql://h/d");
    assertEquals(Main.STOPPED + "; " + LoadCommand.RESUME, load);
    assertTrue(load.endsWith("run the same command again to resume"), load);
    assertEquals(load, stopped("run", "--plan", "p.yaml", "--work", "w", "--url", "postgresql://h/d"));

    String forced = stopped("run", "--plan", "p.yaml", "--work", "w", "--url", "postgresql://h/d", "--force");
    assertTrue(forced.contains("run the command again without --force"), forced);
    assertFalse(forced.contains("run the same command again"), forced);

    String spill = stopped("spill", "--plan", "p.yaml", "--out", "out");
    assertTrue(spill.contains("stage one cannot resume: run it again with --force (it discards what the stopped spill"
        + " left in out and starts over)"), spill);
    assertFalse(spill.contains("resume:") && spill.contains("same command again to resume"), spill);
    assertTrue(stopped("spill", "--plan", "p.yaml", "--out", "out", "--force")
        .contains("stage one cannot resume: run the same command again (it discards"));

    assertEquals(Main.STOPPED, stopped("status", "dir", "--url", "postgresql://h/d"), "nothing to resume");
    assertEquals(Main.STOPPED, stopped("verify", "dir"));
    assertEquals(Main.STOPPED, stopped("inspect", "dir"));
    assertTrue(stopped("cat", "dir", "--table", "t", "-o", "rows.csv").endsWith("; rows.csv was not written (rows.csv.tmp"
        + " may hold part of it; the next cat -o rows.csv replaces it)"));
    assertEquals(Main.STOPPED, Main.stoppedLine(null), "a signal before the command line was parsed");
  }

  /** End to end: a spill reading standard input, stopped by SIGTERM, then run again as the note says. */
  @Test
  void aSpillStoppedBySigtermSaysToRunItAgainWithForceAndThatWorks() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: signal_note
        tables: {t: {columns: {k: integer}}}
        sources: [{file: "-", format: {header: true}, emit: [{table: t, values: {k: $k}}]}]
        """);
    Path out = tmp.resolve("out");
    ChildLoad child = new ChildLoad(tmp.resolve("child.log"), "spill", List.of("--plan", plan.toString(), "--out",
        out.toString(), "--segment-size", "1MiB"));
    Process p = child.start();
    try {
      OutputStream stdin = p.getOutputStream();
      StringBuilder rows = new StringBuilder("k\n");
      for (int i = 0; i < 300_000; i++) {
        rows.append(i).append('\n'); // ~2 MB: more than the header check and the reader buffer take in
      }
      stdin.write(rows.toString().getBytes(StandardCharsets.UTF_8));
      stdin.flush(); // and left open: the spill waits for more
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (!Files.exists(out.resolve("manifest.json")) && System.nanoTime() < deadline && p.isAlive()) {
        Thread.sleep(20); // bounded poll until the spill has published its open directory
      }
      assertTrue(p.isAlive() && Files.exists(out.resolve("manifest.json")), child.log());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "ended on SIGTERM");
      assertEquals(143, p.exitValue(), child.log());
      assertTrue(child.log().contains(Main.STOPPED + "; stage one cannot resume: run it again with --force"), child.log());
    } finally {
      p.destroyForcibly();
    }

    assertEquals(ExitCode.USAGE, again(tmp, plan, out, "the same command"), "refuses the open directory");
    assertEquals(ExitCode.OK, again(tmp, plan, out, "with --force", "--force"), "starts over");
  }

  /** The spill run again in a child of its own, its standard input three rows. */
  private static int again(Path tmp, Path plan, Path out, String what, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--plan", plan.toString(), "--out", out.toString(), "-q"));
    args.addAll(List.of(extra));
    ChildLoad child = new ChildLoad(tmp.resolve("again.log"), "spill", args);
    Process p = child.start();
    try {
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write("k\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), what + " ended: " + child.log());
      if (p.exitValue() == ExitCode.USAGE) {
        assertTrue(child.log().contains("--force"), child.log());
      }
      return p.exitValue();
    } finally {
      p.destroyForcibly();
    }
  }
}
