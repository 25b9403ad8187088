package dev.spillway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Test fixture: the main class of the jar {@link LauncherTest} runs through {@code bin/spillway},
 * ending as {@link Main} does ({@link ExitCodeFile}, then {@code System.exit}). What it does first
 * is set by environment variables: {@code FAKE_FLAGS} prints its JVM flags, {@code FAKE_STDIN} reads
 * and prints a line of standard input, {@code FAKE_DELETE} deletes that directory tree (target/
 * vanishing while a command runs), {@code FAKE_STARTED} creates that file and waits for a signal,
 * {@code FAKE_EXIT} is the exit code (default 0).
 */
final class LauncherFake {
  private LauncherFake() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("fake pid " + ProcessHandle.current().pid());
    if (System.getenv("FAKE_FLAGS") != null) {
      ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(f -> System.out.println("flag " + f));
    }
    if (System.getenv("FAKE_STDIN") != null) {
      System.out.println("stdin " + new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine());
    }
    String delete = System.getenv("FAKE_DELETE");
    if (delete != null) {
      try (Stream<Path> tree = Files.walk(Path.of(delete))) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    String started = System.getenv("FAKE_STARTED");
    if (started != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake stopped by a signal")));
      System.out.flush();
      Files.createFile(Path.of(started));
      Thread.sleep(120_000);
    }
    int exitCode = Integer.parseInt(System.getenv().getOrDefault("FAKE_EXIT", "0"));
    System.out.flush();
    ExitCodeFile.write(System.getProperty(ExitCodeFile.PROPERTY), exitCode, System.err);
    System.exit(exitCode);
  }
}
