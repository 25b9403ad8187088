package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/spillway} running a new jar's first {@code load}, the one that records the load's
 * class-data archive as its JVM exits: a copy of the launcher in a directory of its own runs a
 * small jar ({@link LauncherFake}) as SPILLWAY_JAR, so the archive's target/cds is that
 * directory's. The archive never turns the command's exit code into another: not when target/
 * vanishes before the JVM exits (it then cannot write the archive and exits with 1); standard
 * input and a SIGTERM sent to the launcher still reach the JVM. Skipped where the JDK records no
 * archive (no default CDS archive).
 */
class LauncherTest {
  @TempDir
  Path tmp;
  private Path root;
  private Path jar;
  /** Standard output and error of the launcher started last. */
  private Path output;

  /** A finished launcher: its exit code and its standard output and error together. */
  record Result(int exitCode, String output) {
    boolean recorded() {
      return output.contains("flag -XX:ArchiveClassesAtExit=");
    }
  }

  @BeforeEach
  void copyTheLauncherAndMakeTheJar() throws IOException {
    root = tmp.resolve("root");
    Path launcher = root.resolve("bin/spillway");
    Files.createDirectories(launcher.getParent());
    Files.copy(Path.of(System.getProperty("user.dir"), "bin/spillway"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = tmp.resolve("fake.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherFake.class.getName());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      for (Class<?> c : List.of(LauncherFake.class, ExitCodeFile.class)) {
        String name = c.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }

  private Process start(Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/spillway").toString(), "load", "spill-dir");
    Map<String, String> e = pb.environment();
    List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SPILLWAY_CDS", "SPILLWAY_PRINT_JVM_FLAGS").forEach(e::remove);
    e.put("SPILLWAY_JAR", jar.toString());
    e.put("TMPDIR", tmp.toString()); // where the launcher's exit-code file goes
    e.put("FAKE_FLAGS", "1");
    e.putAll(env);
    output = Files.createTempFile(tmp, "output", ".txt");
    return pb.redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /** Waits for the launcher started last ({@link #output} holds what it printed). */
  private Result finish(Process p) throws IOException, InterruptedException {
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    String printed = Files.readString(output);
    assertTrue(ended, "the launcher ends: " + printed);
    return new Result(p.exitValue(), printed);
  }

  private Result run(Map<String, String> env) throws IOException, InterruptedException {
    Process p = start(env);
    p.getOutputStream().close();
    return finish(p);
  }

  /** Left behind by the launcher: recordings in progress, exit-code files. */
  private List<String> leftovers() throws IOException {
    List<String> out = new ArrayList<>();
    Path cds = root.resolve("target/cds");
    if (Files.isDirectory(cds)) {
      try (Stream<Path> files = Files.list(cds)) {
        files.filter(f -> f.toString().endsWith(".training")).forEach(f -> out.add(f.toString()));
      }
    }
    try (Stream<Path> files = Files.list(tmp)) {
      files.filter(f -> f.getFileName().toString().startsWith("spillway-exit")).forEach(f -> out.add(f.toString()));
    }
    return out;
  }

  @Test
  void aLoadWhoseTargetDirectoryVanishesExitsWithItsOwnCodeNotTheArchives() throws Exception {
    Result ok = run(Map.of("FAKE_DELETE", root.resolve("target").toString()));
    assumeTrue(ok.recorded(), "this JDK records no class-data archive: " + ok);
    assertEquals(0, ok.exitCode(), "the command succeeded; only its archive could not be written: " + ok);
    assertTrue(ok.output().contains("could not record its class-data archive") && ok.output().contains(
        "the command itself exited with 0"), ok.toString());

    Result failed = run(Map.of("FAKE_DELETE", root.resolve("target").toString(), "FAKE_EXIT", "4"));
    assertTrue(failed.recorded(), failed.toString());
    assertEquals(4, failed.exitCode(), "the command's own failure, not the archive's 1: " + failed);
    assertEquals(List.of(), leftovers());
  }

  @Test
  void aRecordingLoadExitsWithItsCodeAndLeavesNoRecordingBehind() throws Exception {
    Result failed = run(Map.of("FAKE_EXIT", "5"));
    assumeTrue(failed.recorded(), "this JDK records no class-data archive: " + failed);
    assertEquals(5, failed.exitCode(), failed.toString());
    assertFalse(failed.output().contains("could not record"), failed.toString());
    assertEquals(List.of(), leftovers());

    Result ok = run(Map.of());
    assertTrue(ok.recorded(), "nothing was kept of the failed load's recording: recorded again: " + ok);
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals(List.of(), leftovers(), "this small a recording is not kept either (a load's is 8 MiB at least)");
  }

  @Test
  void standardInputReachesTheRecordingJvm() throws Exception {
    Process p = start(Map.of("FAKE_STDIN", "1"));
    try (OutputStream in = p.getOutputStream()) {
      in.write("a line for the JVM\n".getBytes(StandardCharsets.UTF_8));
    }
    Result r = finish(p);
    assumeTrue(r.recorded(), "this JDK records no class-data archive: " + r);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.output().contains("stdin a line for the JVM"), r.toString());
  }

  @Test
  void aTermSentToTheLauncherStopsTheRecordingJvm() throws Exception {
    Path started = tmp.resolve("started");
    Process p = start(Map.of("FAKE_STARTED", started.toString()));
    p.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(started)) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, "the JVM starts");
      Thread.sleep(10);
    }
    p.destroy(); // SIGTERM to the launcher's process
    Result r = finish(p);
    assumeTrue(r.recorded(), "this JDK records no class-data archive: " + r);
    assertEquals(143, r.exitCode(), r.toString());
    assertTrue(r.output().contains("fake stopped by a signal"), "the JVM heard it and ran its shutdown hooks: " + r);
    long pid = Long.parseLong(r.output().lines().filter(l -> l.startsWith("fake pid ")).findFirst().orElseThrow()
        .substring("fake pid ".length()));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no JVM left running");
    assertEquals(List.of(), leftovers());
  }
}
