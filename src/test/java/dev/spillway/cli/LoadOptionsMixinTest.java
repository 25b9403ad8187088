package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.load.LoadOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --jobs}: given, it is used as is; not given, 2 jobs, or 1 on a one-core machine. */
class LoadOptionsMixinTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin LoadOptionsMixin load;
    @Spec CommandSpec spec;
  }

  private static Probe parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p;
  }

  @Test
  void defaultJobsIsTwoAtMostTheCores() {
    assertEquals(1, LoadOptions.defaultJobs(1));
    assertEquals(2, LoadOptions.defaultJobs(2));
    assertEquals(2, LoadOptions.defaultJobs(64));
    assertEquals(1, LoadOptions.defaultJobs(0));
  }

  @Test
  void jobsNotGivenIsTheDefaultForThisMachine() {
    Probe p = parse();
    assertEquals(LoadOptions.defaultJobs(Runtime.getRuntime().availableProcessors()), p.load.loadOptions(p.spec).jobs());
  }

  @Test
  void jobsGivenIsKept() {
    Probe one = parse("--jobs", "1");
    assertEquals(1, one.load.loadOptions(one.spec).jobs());
    Probe three = parse("--jobs", "3");
    assertEquals(3, three.load.loadOptions(three.spec).jobs());
  }

  @Test
  void helpSaysTheDefault() {
    String usage = new CommandLine(new Probe()).getUsageMessage().replaceAll("\\s+", " ");
    assertTrue(usage.contains("default: 2, or 1 on a one-core machine"), usage);
  }
}
