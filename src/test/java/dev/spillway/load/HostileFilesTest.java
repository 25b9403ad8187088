package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.cli.ExitCode;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 8: a FIFO in place of manifest.json, plan.yaml or rejects.csv is refused, never opened. */
@ExtendWith(PgExtension.class)
class HostileFilesTest {
  /** A hang never ends; a command on a loaded machine may take a while. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private static void mkfifo(Path file) throws Exception {
    Files.deleteIfExists(file);
    Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertEquals(0, p.waitFor(), "mkfifo " + file);
  }

  private static CliRun run(String... args) {
    return assertTimeoutPreemptively(BOUND, () -> CliRun.of(args), "hung on " + String.join(" ", args));
  }

  @Test
  void aFifoAsTheManifestIsRefusedByEveryCommand(TestDatabase db) throws Exception {
    Spill spill = new Packages(5, 20, 1).write(tmp.resolve("spill"), db.schema(), 4096);
    mkfifo(spill.root().resolve("manifest.json"));
    String dir = spill.root().toString();
    for (String[] args : new String[][] {{"inspect", dir}, {"verify", dir}, {"cat", dir, "--table", "package"},
        {"load", dir, "--url", db.cliUrl(), "--control-schema", db.schema()},
        {"status", dir, "--url", db.cliUrl(), "--control-schema", db.schema()}}) {
      CliRun r = run(args);
      assertEquals(ExitCode.CORRUPT, r.exitCode(), args[0] + ": " + r.err() + r.out());
      assertTrue((r.err() + r.out()).contains("not a regular file (a FIFO, socket or device)"), args[0] + ": " + r.err() + r.out());
    }
  }

  @Test
  void aFifoAsThePlanCopyOrRejectsFileFailsVerificationAndTheLoad(TestDatabase db) throws Exception {
    Packages.createTables(db);
    for (String name : new String[] {"plan.yaml", "rejects.csv"}) {
      Spill spill = new Packages(5, 20, 1).write(tmp.resolve("spill-" + name), db.schema(), 4096);
      mkfifo(spill.root().resolve(name));
      CliRun verify = run("verify", spill.root().toString());
      assertEquals(ExitCode.CORRUPT, verify.exitCode(), verify.err() + verify.out());
      assertTrue((verify.err() + verify.out()).contains(name), verify.err() + verify.out());
      CliRun load = run("load", spill.root().toString(), "--url", db.cliUrl(), "--control-schema", db.schema());
      assertEquals(ExitCode.CORRUPT, load.exitCode(), load.err());
      assertTrue(load.err().contains(name + ": is not a regular file"), load.err());
    }
  }
}
