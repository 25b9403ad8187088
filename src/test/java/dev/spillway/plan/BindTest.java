package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.plan.BoundValue.Constant;
import dev.spillway.plan.BoundValue.Element;
import dev.spillway.plan.BoundValue.Field;
import dev.spillway.plan.BoundValue.Ref;
import dev.spillway.plan.BoundValue.SurrogateId;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding emits to a file's header: names become indexes once, missing ones are reported with their paths. */
class BindTest {
  @TempDir
  Path dir;

  private static final String PLAN = """
      version: 1
      tables:
        maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
        package: {columns: {id: bigint, name: text, maintainer_id: bigint, note: text, origin: text}, id: id, key: [name]}
        package_tag: {columns: {package_id: bigint, tag: text}, key: [package_id, tag]}
      sources:
        - file: packages.csv
          format: {header: true}
          emit:
            - {table: maintainer, values: {name: $maintainer}}
            - {table: package, values: {name: $package, maintainer_id: {ref: maintainer, key: [$maintainer]}, origin: debian}}
            - table: package_tag
              for_each: {value: $tags, separator: ";"}
              values: {package_id: {ref: package, key: [$package]}, tag: $_}
        - file: positions.csv
          emit:
            - {table: maintainer, values: {name: $2}}
      """;

  @Test
  void namesBecomeFieldIndexesAndEveryColumnHasAValue() {
    Plan plan = PlanFixtures.parse(dir, PLAN);
    Path file = dir.resolve("packages.csv");
    BoundSource bound = plan.bind(plan.sources().get(0), file, List.of("tags", "package", "maintainer"), 3);
    assertEquals(file, bound.file());
    assertEquals(3, bound.fieldCount());

    BoundEmit pkg = bound.emits().get(1);
    assertEquals("package", pkg.table().name());
    assertEquals(List.of(new SurrogateId(), new Field(1, "$package"),
        new Ref(plan.table("maintainer"), List.of(new Field(2, "$maintainer")), Missing.REJECT, "sources[0].emit[1].values.maintainer_id"),
        Constant.NULL, new Constant("debian")), pkg.columns());

    BoundEmit tags = bound.emits().get(2);
    assertEquals(new Element(), tags.column(1));
    String[] record = {" a; b ;;c ", "pkg", "m"};
    IntFunction<String> fields = i -> record[i];
    assertEquals(List.of("a", "b", "c"), tags.forEach().orElseThrow().elements(fields));
    assertEquals("pkg", ((BoundValue.Text) pkg.column(1)).text(fields, null));
    assertEquals("x", ((BoundValue.Text) tags.column(1)).text(fields, "x"));
    assertNull(Constant.NULL.text(fields, null));
  }

  @Test
  void everyHeaderNameTheFileLacksIsReportedWithItsPathAndTheFile() {
    Plan plan = PlanFixtures.parse(dir, PLAN);
    Path file = dir.resolve("packages.csv");
    PlanException e = assertThrows(PlanException.class,
        () -> plan.validateHeader(plan.sources().get(0), file, List.of("package", "Maintainer", "tag")));
    assertEquals(List.of(
        "sources[0].emit[0].values.name: column 'maintainer' is not in the header of " + file
            + " (did you mean 'Maintainer'?); the header has 'package', 'Maintainer', 'tag'",
        "sources[0].emit[1].values.maintainer_id.key[0]: column 'maintainer' is not in the header of " + file
            + " (did you mean 'Maintainer'?); the header has 'package', 'Maintainer', 'tag'",
        "sources[0].emit[2].for_each.value: column 'tags' is not in the header of " + file
            + " (did you mean 'tag'?); the header has 'package', 'Maintainer', 'tag'"), e.problems());
  }

  @Test
  void aNameTheHeaderHoldsTwiceIsAmbiguous() {
    Plan plan = PlanFixtures.parse(dir, PLAN);
    Path file = dir.resolve("packages.csv");
    PlanException e = assertThrows(PlanException.class,
        () -> plan.validateHeader(plan.sources().get(0), file, List.of("package", "maintainer", "tags", "maintainer")));
    assertEquals(List.of(
        "sources[0].emit[0].values.name: column 'maintainer' appears more than once in the header of " + file + "; use its position ($2)",
        "sources[0].emit[1].values.maintainer_id.key[0]: column 'maintainer' appears more than once in the header of " + file
            + "; use its position ($2)"), e.problems());
  }

  @Test
  void positionsAreCheckedAgainstTheFieldCountOfAHeaderlessFile() {
    Plan plan = PlanFixtures.parse(dir, PLAN);
    SourceSpec positions = plan.sources().get(1);
    Path file = dir.resolve("positions.csv");
    assertEquals(new Field(1, "$2"), plan.bind(positions, file, List.of(), 2).emits().get(0).column(1));
    assertEquals(List.of("sources[1].emit[0].values.name: $2 is beyond the 1 field(s) of " + file),
        assertThrows(PlanException.class, () -> plan.bind(positions, file, List.of(), 1)).problems());
    // an empty headerless file has nothing to read and nothing to check
    assertEquals(2, plan.bind(positions, file, List.of(), 0).emits().get(0).columns().size());
  }

  @Test
  void forEachElementsAreTrimmedNonEmptyAndLiteralSeparated() {
    ForEach forEach = new ForEach(new ValueExpr.Constant("x"), ".*");
    assertEquals(List.of("a", "b.c", "d"), forEach.elements("a.*b.c.* .* d.*"));
    assertEquals(List.of(), forEach.elements(null));
    assertEquals(List.of(), forEach.elements("  "));
    assertEquals(Arrays.asList("x", "x"), new ForEach(new ValueExpr.Constant("x"), ",").elements("x,x"));
  }
}
