package example;

import dev.spillway.api.LoadResult;
import dev.spillway.api.LoadSettings;
import dev.spillway.api.OtherSpills;
import dev.spillway.api.Plan;
import dev.spillway.api.SpillResult;
import dev.spillway.api.SpillSettings;
import dev.spillway.api.SpillWriter;
import dev.spillway.api.Spillway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Indexes the jars under a directory into PostgreSQL with spillway, rows made in code (no CSV):
 * artifacts (one per jar, by real path), packages (by name, created by the first class in them) and
 * classes (by artifact and name), with the links between artifacts and packages. Each natural key
 * becomes a bigint id; a jar reached twice through symbolic links is one artifact.
 *
 * <p>Usage: {@code JarIndex JAR_DIR POSTGRES_URL SPILL_DIR [SCHEMA]}
 */
public final class JarIndex {
  private JarIndex() {}

  static Plan plan(String schema) {
    return Plan.builder().schema(schema)
        .table("artifact", t -> t.column("id", "bigint").column("path", "text").column("file_name", "text")
            .column("size_bytes", "bigint").column("modified", "timestamptz").id("id").key("path"))
        .table("package", t -> t.column("id", "bigint").column("name", "text").id("id").key("name"))
        .table("class", t -> t.column("id", "bigint").column("artifact_id", "bigint").column("package_id", "bigint")
            .column("name", "text").column("size_bytes", "bigint").column("crc32", "bigint").id("id").key("artifact_id", "name"))
        .table("artifact_package", t -> t.column("artifact_id", "bigint").column("package_id", "bigint")
            .key("artifact_id", "package_id").onDuplicate("first"))
        .source("artifacts", s -> s.emit("artifact", e -> e.value("path", "$path").value("file_name", "$file_name")
            .value("size_bytes", "$size_bytes").value("modified", "$modified")))
        .source("classes", s -> s
            .emit("class", e -> e.ref("artifact_id", "artifact", "$jar").refMissing("package_id", "package", "create", "$package")
                .value("name", "$class").value("size_bytes", "$size_bytes").value("crc32", "$crc32"))
            .emit("artifact_package", e -> e.ref("artifact_id", "artifact", "$jar")
                .refMissing("package_id", "package", "create", "$package")))
        .build();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: JarIndex JAR_DIR POSTGRES_URL SPILL_DIR [SCHEMA]");
      System.exit(2);
    }
    Path jars = Path.of(args[0]);
    String url = args[1];
    Path spill = Path.of(args[2]);
    String schema = args.length > 3 ? args[3] : "jars";

    SpillResult spilled;
    try (SpillWriter w = Spillway.spill(plan(schema), spill, SpillSettings.defaults().force(true))) {
      for (Path jar : jarsUnder(jars)) {
        index(jar, w);
      }
      spilled = w.finish();
    }
    System.out.println("spilled: " + spilled.tables() + ", rejects " + spilled.rejectCount());
    LoadResult loaded = Spillway.load(spill, url, LoadSettings.defaults().createTables(true).jobs(2)
        .otherSpills(OtherSpills.REPLACE)); // indexing again replaces the last index
    loaded.tables().forEach((table, load) -> System.out.println("loaded " + table + ": " + load.rows() + " rows"));
  }

  /** Every readable *.jar under {@code dir}, by real path, each once, in path order. */
  private static TreeSet<Path> jarsUnder(Path dir) throws IOException {
    TreeSet<Path> jars = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).forEach(p -> {
        try {
          jars.add(p.toRealPath());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return jars;
  }

  /** One artifact record, then one record per class file in it. */
  private static void index(Path jar, SpillWriter w) throws IOException {
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("path", jar.toString());
    artifact.put("file_name", jar.getFileName().toString());
    artifact.put("size_bytes", Files.size(jar));
    artifact.put("modified", Files.getLastModifiedTime(jar).toInstant());
    w.record("artifacts", artifact);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (e.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
          continue;
        }
        String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        int dot = binary.lastIndexOf('.');
        Map<String, Object> cls = new LinkedHashMap<>();
        cls.put("jar", jar.toString());
        cls.put("package", dot < 0 ? "" : binary.substring(0, dot));
        cls.put("class", binary);
        cls.put("size_bytes", e.getSize());
        cls.put("crc32", e.getCrc());
        w.record("classes", cls);
      }
    } catch (java.util.zip.ZipException e) {
      System.err.println("skipping " + jar + ": " + e.getMessage());
    }
  }
}
