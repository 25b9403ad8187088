package dev.spillway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the brief, checked over the compiled classes (every name in each class file's
 * constant pool: class references, descriptors and signatures): stage one (spill, input, idmap)
 * never refers to load or pg; stage two (load) never to input or idmap; only cli prints (no
 * System.out, System.err or System.console outside cli; no progress-bar library outside cli).
 */
class ArchitectureTest {
  private static final Path CLASSES = Path.of("target", "classes", "dev", "spillway");

  private static final Map<String, Set<String>> FORBIDDEN = Map.of(
      "spill", Set.of("load", "pg", "cli", "api"),
      "input", Set.of("load", "pg", "cli", "api", "spill"),
      "idmap", Set.of("load", "pg", "cli", "api", "spill"),
      "load", Set.of("input", "idmap", "spill", "cli", "api"),
      "segment", Set.of("spill", "load", "pg", "input", "idmap", "cli", "api"),
      "pgbinary", Set.of("spill", "load", "pg", "input", "idmap", "cli", "api", "segment"),
      "pg", Set.of("spill", "load", "input", "idmap", "cli", "api"));

  @Test
  void stagesDoNotSeeEachOther() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : FORBIDDEN.entrySet()) {
      for (Path classFile : classFiles(rule.getKey())) {
        for (String name : utf8Constants(classFile)) {
          for (String other : rule.getValue()) {
            if (name.contains("dev/spillway/" + other + "/")) {
              violations.add(CLASSES.relativize(classFile) + " refers to " + other + ": " + name);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyCliPrints() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> packages = Files.list(CLASSES)) {
      for (Path pkg : packages.filter(Files::isDirectory).toList()) {
        if (pkg.getFileName().toString().equals("cli")) {
          continue;
        }
        for (Path classFile : classFiles(pkg.getFileName().toString())) {
          Set<String> names = utf8Constants(classFile);
          boolean system = names.contains("java/lang/System");
          for (String field : List.of("out", "err")) {
            if (system && names.contains(field) && names.contains("Ljava/io/PrintStream;")) {
              violations.add(CLASSES.relativize(classFile) + " uses System." + field);
            }
          }
          if (system && names.contains("console")) {
            violations.add(CLASSES.relativize(classFile) + " uses System.console()");
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theScannerSeesReferences() throws IOException {
    Set<String> names = utf8Constants(CLASSES.resolve("cli").resolve("SpillCommand.class"));
    assertFalse(names.stream().noneMatch(n -> n.contains("dev/spillway/spill/Spill")), "the scanner reads class refs");
  }

  private static List<Path> classFiles(String pkg) throws IOException {
    Path dir = CLASSES.resolve(pkg);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
  }

  /** Every CONSTANT_Utf8 of a class file (JVMS 4.4): names, descriptors, signatures, string literals. */
  static Set<String> utf8Constants(Path classFile) throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException(classFile + ": not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> out.add(in.readUTF());
          case 7, 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            i++; // long and double take two slots
          }
          default -> throw new IOException(classFile + ": unknown constant pool tag " + tag + " at entry " + i);
        }
      }
    }
    return out;
  }
}
