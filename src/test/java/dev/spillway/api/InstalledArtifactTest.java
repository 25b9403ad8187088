package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Preconditions;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, as a user would: {@code mvn install} of (a copy of) this project into a fresh local
 * repository, then examples/library, a program with its own pom depending on
 * {@code dev.spillway:spillway}, is built against the installed artifact and run: it indexes two
 * jars into the test database, and the database then holds their artifacts, packages and classes.
 * Offline: the fresh repository links to every artifact of the usual one except
 * {@code dev/spillway}, so only what the install put there can satisfy the dependency.
 */
@ExtendWith(PgExtension.class)
class InstalledArtifactTest {
  @TempDir
  Path tmp;

  @Test
  void theExampleProgramBuildsAndRunsAgainstTheInstalledArtifact(TestDatabase db) throws Exception {
    Path project = Path.of(System.getProperty("user.dir"));
    Preconditions.checkState(Files.exists(project.resolve("examples/library/pom.xml")), "not the project root: %s", project);
    Path repo = linkedRepository(tmp.resolve("repo"));
    Path copy = tmp.resolve("project");
    copyTree(project.resolve("src/main"), copy.resolve("src/main"));
    Files.copy(project.resolve("pom.xml"), copy.resolve("pom.xml"));
    run(copy, List.of("mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + repo, "install", "-Dmaven.test.skip=true"), List.of());

    Path installed = repo.resolve("dev/spillway/spillway/0.1.0-SNAPSHOT");
    try (ZipFile jar = new ZipFile(installed.resolve("spillway-0.1.0-SNAPSHOT.jar").toFile())) {
      assertTrue(jar.getEntry("dev/spillway/api/Spillway.class") != null, "the library's classes");
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/postgresql/")), "a plain jar, not the shaded one");
    }
    String pom = Files.readString(installed.resolve("spillway-0.1.0-SNAPSHOT.pom"));
    assertTrue(pom.contains("<artifactId>postgresql</artifactId>") && pom.contains("<artifactId>chronicle-map</artifactId>"),
        "dependencies declared");

    Path jars = Files.createDirectories(tmp.resolve("jars"));
    Path csvJar = Path.of(CSVFormat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path guavaJar = Path.of(Preconditions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(csvJar, jars.resolve("commons-csv.jar"));
    Files.copy(guavaJar, jars.resolve("guava.jar"));
    Path example = tmp.resolve("example");
    copyTree(project.resolve("examples/library"), example);
    String out = run(example, List.of("bash", example.resolve("run.sh").toString(), jars.toString(), db.cliUrl(),
        tmp.resolve("spill").toString(), db.schema()), List.of("MAVEN_ARGS=-o -Dmaven.repo.local=" + repo));

    Set<String> packages = new HashSet<>();
    long classes = classes(jars.resolve("commons-csv.jar"), packages) + classes(jars.resolve("guava.jar"), packages);
    assertTrue(classes > 1000, "guava has many classes: " + classes);
    assertEquals("2", db.queryOne("SELECT count(*) FROM artifact"));
    assertEquals(Long.toString(classes), db.queryOne("SELECT count(*) FROM class"));
    assertEquals(Integer.toString(packages.size()), db.queryOne("SELECT count(*) FROM package"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM class c LEFT JOIN artifact a ON a.id = c.artifact_id WHERE a.id IS NULL"));
    assertEquals("com.google.common.base.Preconditions", db.queryOne("SELECT c.name FROM class c JOIN artifact a ON a.id = c.artifact_id"
        + " JOIN package p ON p.id = c.package_id WHERE a.file_name = 'guava.jar' AND p.name = 'com.google.common.base'"
        + " AND c.name LIKE '%.Preconditions'"));
    assertTrue(out.contains("loaded class: " + classes + " rows"), out);
  }

  /** The class files the example indexes, adding their packages to {@code packages}. */
  private static long classes(Path jar, Set<String> packages) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
          .peek(n -> packages.add(n.lastIndexOf('/') < 0 ? "" : n.substring(0, n.lastIndexOf('/')).replace('/', '.')))
          .count();
    }
  }

  /** A local repository linking every entry of the usual one except dev/spillway (symbolic links; nothing copied). */
  private static Path linkedRepository(Path repo) throws IOException {
    Path usual = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Files.createDirectories(repo.resolve("dev"));
    try (Stream<Path> top = Files.list(usual)) {
      for (Path p : top.toList()) {
        if (!p.getFileName().toString().equals("dev")) {
          Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
        }
      }
    }
    if (Files.isDirectory(usual.resolve("dev"))) {
      try (Stream<Path> dev = Files.list(usual.resolve("dev"))) {
        for (Path p : dev.toList()) {
          if (!p.getFileName().toString().equals("spillway")) {
            Files.createSymbolicLink(repo.resolve("dev").resolve(p.getFileName().toString()), p);
          }
        }
      }
    }
    assertFalse(Files.exists(repo.resolve("dev/spillway")));
    return repo;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  /** Runs {@code command} in {@code dir}; returns its output, failing the test with it on a non-zero exit. */
  private static String run(Path dir, List<String> command, List<String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    for (String e : env) {
      pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    Path log = Files.createTempFile(dir, "run", ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(done && p.exitValue() == 0, command + " in " + dir + " failed:\n" + out);
    return out;
  }
}
