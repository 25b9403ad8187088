package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.PlanException;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions: the whole plan is checked before {@code --out} is touched. Constants were checked
 * only when their source's file was compiled, after earlier sources had been spilled into a
 * directory {@code --force} had already cleared; constants in ref keys were never checked at all
 * (every row was rejected) and were parsed again on every row.
 */
class PlanCheckedUpFrontTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      tables:
        part: {columns: {id: bigint, no: integer, kind: text}, id: id, key: [no, kind]}
        use: {columns: {part_id: bigint, qty: integer}}
      sources:
        - file: parts.csv
          format: {type: csv, header: true}
          emit: [{table: part, values: {no: $no, kind: $kind}}]
        - file: uses.csv
          format: {type: csv, header: true}
          emit: [{table: use, values: {part_id: {ref: part, key: [%s, bolt]}, qty: %s}}]
      """;

  private Path plan(String keyPart, String qty) throws Exception {
    SpillTesting.write(tmp, "in/parts.csv", "no,kind\n1,bolt\n2,bolt\n");
    SpillTesting.write(tmp, "in/uses.csv", "no\n1\n2\n");
    return SpillTesting.write(tmp, "in/plan.yaml", PLAN.formatted(keyPart, qty));
  }

  private SpillResult spill(Path plan, boolean force) {
    return SpillTesting.spill(SpillOptions.of(plan, tmp.resolve("out")).withForce(force));
  }

  @Test
  void aConstantOfALaterSourceThatItsColumnRefusesLeavesAnExistingSpillUntouchedEvenWithForce() throws Exception {
    SpillResult good = spill(plan("$no", "3"), false);
    List<Path> segments = good.manifest().segments().stream().map(s -> good.directory().root().resolve(s.file())).toList();

    PlanException e = assertThrows(PlanException.class, () -> spill(plan("$no", "lots"), true));
    assertEquals(List.of("sources[1].emit[0].values.qty: constant 'lots' is not a valid integer: "
        + "invalid input syntax for type integer"), e.problems());

    Manifest after = new ManifestStore(SpillDirectory.open(tmp.resolve("out"))).read();
    assertEquals(good.manifest().spillId(), after.spillId(), "the old spill is still there");
    assertEquals(SpillState.COMPLETE, after.state());
    assertTrue(segments.stream().allMatch(Files::isRegularFile), "its segments too");
  }

  @Test
  void aRefKeyConstantItsKeyColumnRefusesIsAPlanErrorWithItsPath() throws Exception {
    PlanException e = assertThrows(PlanException.class, () -> spill(plan("one", "3"), false));
    assertEquals(List.of("sources[1].emit[0].values.part_id.key[0]: constant 'one' is not a valid integer "
        + "(key column no of table part): invalid input syntax for type integer"), e.problems());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void nestedRefKeyConstantsAreCheckedToo() throws Exception {
    SpillTesting.write(tmp, "in/d.csv", "name,version\nspam,1.0\n");
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          project: {columns: {id: bigint, registry: smallint, name: text}, id: id, key: [registry, name]}
          release: {columns: {id: bigint, project_id: bigint, version: text}, id: id, key: [project_id, version]}
          download: {columns: {release_id: bigint}}
        sources:
          - file: d.csv
            format: {type: csv, header: true}
            emit:
              - table: download
                values:
                  release_id: {ref: release, key: [{ref: project, key: [pypi, $name], missing: create}, $version], missing: create}
        """);
    PlanException e = assertThrows(PlanException.class, () -> SpillTesting.spill(plan, tmp.resolve("out")));
    assertEquals(List.of("sources[0].emit[0].values.release_id.key[0].key[0]: constant 'pypi' is not a valid smallint "
        + "(key column registry of table project): invalid input syntax for type smallint"), e.problems());
  }

  @Test
  void aRefKeyConstantIsCanonicalisedByItsKeyColumnLikeInput() throws Exception {
    SpillResult result = spill(plan("+02", "3"), false);
    assertEquals(List.of(Arrays.asList(2L, 3), Arrays.asList(2L, 3)), SegmentRows.read(result, "use").stream()
        .map(Arrays::asList).toList(), "+02 is the integer 2");
    assertEquals(2, result.manifest().segments().stream().filter(s -> s.table().equals("use"))
        .mapToLong(SealedSegment::rows).sum());
  }
}
