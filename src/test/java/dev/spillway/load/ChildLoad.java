package dev.spillway.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code spillway load} in a child JVM ({@code dev.spillway.cli.Main}, this JVM's class path and
 * its {@code --add-opens}/{@code --add-exports} flags, i.e. pom.xml's spillway.jvm.flags), so a test
 * can SIGKILL it. Output goes to a log file the test can show when the child fails on its own.
 */
public final class ChildLoad {
  private final List<String> command = new ArrayList<>();
  private final Path log;

  public ChildLoad(Path log, List<String> loadArgs) {
    this(log, "load", loadArgs);
  }

  /** A child running {@code spillway COMMAND ARGS} ({@code load}, {@code run}, {@code spill}); its standard input is a pipe. */
  public ChildLoad(Path log, String subcommand, List<String> loadArgs) {
    this.log = log;
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "dev.spillway.cli.Main", subcommand));
    command.addAll(loadArgs);
  }

  public Process start() throws IOException {
    Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  public String log() throws IOException {
    String text = Files.readString(log);
    return text.length() > 20_000 ? "..." + text.substring(text.length() - 20_000) : text;
  }
}
