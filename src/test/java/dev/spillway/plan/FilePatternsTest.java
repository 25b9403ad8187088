package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source file patterns: relative to the plan, globs, sorted, and a pattern matching nothing is a plan error. */
class FilePatternsTest {
  @TempDir
  Path dir;

  @BeforeEach
  void files() throws Exception {
    for (String f : List.of("in/b.csv", "in/a.csv", "in/a.csv.gz", "in/sub/c.csv", "other/d.csv", "plain.csv")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x\n");
    }
    Files.createDirectories(dir.resolve("in/dir.csv"));
  }

  private List<String> match(String pattern) {
    return FilePatterns.match(dir, pattern).stream().map(p -> dir.relativize(p).toString()).toList();
  }

  @Test
  void globsMatchRegularFilesSortedByPath() {
    assertEquals(List.of("in/a.csv", "in/b.csv"), match("in/*.csv"));
    assertEquals(List.of("in/a.csv", "in/a.csv.gz", "in/b.csv"), match("in/*.csv*"));
    assertEquals(List.of("in/a.csv", "in/b.csv", "in/sub/c.csv"), match("in/**.csv"));
    assertEquals(List.of("in/sub/c.csv"), match("in/**/*.csv"));
    assertEquals(List.of("in/a.csv", "in/b.csv", "other/d.csv"), match("{in,other}/*.csv"));
    assertEquals(List.of("in/a.csv"), match("in/?.csv").subList(0, 1));
    assertEquals(List.of("plain.csv"), match("plain.csv"));
    assertEquals(List.of("plain.csv"), match("*.csv"));
    assertEquals(List.of(), match("nothing/*.csv"));
    assertEquals(List.of(), match("in/dir.csv"));
    assertEquals(List.of("in/a.csv", "in/b.csv"), FilePatterns.match(Path.of("/nowhere"), dir + "/in/*.csv").stream()
        .map(p -> dir.relativize(p).toString()).toList());
  }

  @Test
  void aSourceListsEachFileOnceAndReportsEveryPatternWithoutMatch() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          t: {columns: {x: text}}
        sources:
          - {file: ['in/*.csv', in/a.csv, other/*.csv], emit: [{table: t, values: {x: $1}}]}
          - {file: 'missing/*.csv', emit: [{table: t, values: {x: $1}}]}
          - {file: [plain.csv, nope.csv], emit: [{table: t, values: {x: $1}}]}
        """);
    assertEquals(List.of(dir.resolve("in/a.csv"), dir.resolve("in/b.csv"), dir.resolve("other/d.csv")), plan.sources().get(0).matchFiles());
    PlanException e = assertThrows(PlanException.class, plan::matchSourceFiles);
    assertEquals(List.of("sources[1].file: no file matches 'missing/*.csv' (relative to " + dir + ")",
        "sources[2].file[1]: no file matches 'nope.csv' (relative to " + dir + ")"), e.problems());
  }
}
