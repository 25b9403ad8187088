package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.PlanException;
import dev.spillway.segment.RowCounters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's policies, key canonicalisation and plan-time checks, read back from the segments. */
class SpillPoliciesTest {
  @TempDir
  Path tmp;

  private Path plan(String yaml) throws IOException {
    return SpillTesting.write(tmp, "in/plan.yaml", "version: 1\n" + yaml);
  }

  private void input(String name, String text) throws IOException {
    SpillTesting.write(tmp, "in/" + name, text);
  }

  private SpillResult spill(Path plan) {
    return SpillTesting.spill(plan, tmp.resolve("out"));
  }

  private static List<List<Object>> rows(SpillResult result, String table) {
    return SegmentRows.read(result, table).stream().map(Arrays::asList).toList();
  }

  private static final String ITEMS = """
      tables:
        item:
          columns: {id: bigint, code: text, qty: integer}
          id: id
          key: [code]
          on_duplicate: %s
      sources:
        - file: items.csv
          format: {type: csv, header: true}
          emit:
            - table: item
              values: {code: $code, qty: $qty}
      """;

  @Test
  void onDuplicateRejectWritesTheLaterRowsToRejects() throws Exception {
    input("items.csv", "code,qty\na,1\nb,2\na,3\n");
    SpillResult result = spill(plan(ITEMS.formatted("reject")));
    assertEquals(List.of(List.of(1L, "a", 1), List.of(2L, "b", 2)), rows(result, "item"));
    List<CSVRecord> rejects = SpillTesting.rejects(result);
    assertEquals(List.of("items.csv", "4", "item", "", "a", "duplicate key item['a']"), rejects.get(0).toList());
    assertEquals(new RowCounters(3, 2, 0, 0, 1), counters(result.manifest(), "item"));
  }

  @Test
  void onDuplicateErrorStopsAtTheLineOfTheSecondRow() throws Exception {
    input("items.csv", "code,qty\na,1\nb,2\na,3\n");
    InputErrorException e = assertThrows(InputErrorException.class, () -> spill(plan(ITEMS.formatted("error"))));
    assertEquals("items.csv line 4, table item: duplicate key item['a'] (on_duplicate: error)", e.getMessage());
    assertEquals(4, e.line());
  }

  @Test
  void missingErrorStopsNamingFileLineTableColumnAndKey() throws Exception {
    input("owners.csv", "name\nalice\n");
    input("items.csv", "code,owner\na,alice\nb,bob\n");
    Path plan = plan("""
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {code: text, owner_id: bigint}}
        sources:
          - file: owners.csv
            format: {type: csv, header: true}
            emit: [{table: owner, values: {name: $name}}]
          - file: items.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, owner_id: {ref: owner, key: [$owner], missing: error}}}]
        """);
    InputErrorException e = assertThrows(InputErrorException.class, () -> spill(plan));
    assertEquals("items.csv line 3, table item, column owner_id: missing ref owner['bob'] (missing: error)", e.getMessage());
  }

  @Test
  void keysAreCanonicalisedByTheirColumnType() throws Exception {
    input("parts.csv", "no,size\n01,1.50\n2,2\n");
    input("uses.csv", "no,size\n1,1.5\n+2,2.00\n3,1.5\n");
    Path plan = plan("""
        tables:
          part: {columns: {id: bigint, no: integer, size: "numeric(4,2)"}, id: id, key: [no, size]}
          use: {columns: {part_id: bigint}}
        sources:
          - file: parts.csv
            format: {type: csv, header: true}
            emit: [{table: part, values: {no: $no, size: $size}}]
          - file: uses.csv
            format: {type: csv, header: true}
            emit: [{table: use, values: {part_id: {ref: part, key: [$no, $size]}}}]
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(List.of(1L), List.of(2L)), rows(result, "use"), "01 = 1 = +1 as integers, 1.50 = 1.5 as numeric(4,2)");
    assertEquals("missing ref part['3', '1.5']", SpillTesting.rejects(result).get(0).get("reason"));
  }

  /** Key columns are NOT NULL: a NULL key part is a reject naming the column; the empty string is a value. */
  @Test
  void aNullKeyPartIsARejectAndTheEmptyStringIsAKey() throws Exception {
    input("tags.csv", "owner,tag\n1,\n1,\"\"\n1,\n1,\"\"\n");
    Path plan = plan("""
        tables:
          tag: {columns: {owner: integer, tag: text}, key: [owner, tag]}
        sources:
          - file: tags.csv
            format: {type: csv, header: true}
            emit: [{table: tag, values: {owner: $owner, tag: $tag}}]
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(List.of(1, "")), rows(result, "tag"));
    assertEquals(new RowCounters(4, 1, 1, 0, 2), counters(result.manifest(), "tag"));
    assertEquals(List.of("tag|natural key column tag of tag is NULL", "tag|natural key column tag of tag is NULL"),
        SpillTesting.rejects(result).stream().map(r -> r.get("column") + "|" + r.get("reason")).toList());
  }

  @Test
  void nestedCreateMakesParentsFirstAndRejectedRowsCreateNothing() throws Exception {
    input("downloads.csv", "project,version,count\nspam,1.0,5\nspam,1.1,x\neggs,2.0,7\nspam,1.0,1\n");
    Path plan = plan("""
        tables:
          project: {columns: {id: bigint, name: text, homepage: text}, id: id, key: [name]}
          release: {columns: {id: integer, project_id: integer, version: text}, id: id, key: [project_id, version]}
          download: {columns: {release_id: bigint, count: integer}}
        sources:
          - file: downloads.csv
            format: {type: csv, header: true}
            emit:
              - table: download
                values:
                  release_id: {ref: release, key: [{ref: project, key: [$project], missing: create}, $version], missing: create}
                  count: $count
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(Arrays.asList(1L, "spam", null), Arrays.asList(2L, "eggs", null)), rows(result, "project"));
    assertEquals(List.of(List.of(1, 1, "1.0"), List.of(2, 2, "2.0")), rows(result, "release"),
        "spam 1.1 was on a rejected row: not created");
    assertEquals(List.of(List.of(1L, 5), List.of(2L, 7), List.of(1L, 1)), rows(result, "download"));
    assertEquals(new RowCounters(2, 2, 0, 0, 0), counters(result.manifest(), "project"), "created rows count as read and written");
    assertBalanced(result.manifest());
    assertFalse(Files.exists(result.directory().idmapDir().resolve("stubs/0001.stubs")), "stub logs are removed");
  }

  /** A record whose for_each value is NULL, empty or only separators is one row skipped, so every record is accounted. */
  @Test
  void forEachElementsAreRowsAndAValueWithoutElementsIsOneSkippedRow() throws Exception {
    input("p.csv", "name,tags\na,\"x, y ,,x\"\nb,\nc,\"\"\nd,\" , \"\n");
    Path plan = plan("""
        tables:
          tag: {columns: {name: text, tag: text}}
        sources:
          - file: p.csv
            format: {type: csv, header: true}
            emit: [{table: tag, for_each: {value: $tags, separator: ","}, values: {name: $name, tag: $_}}]
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(List.of("a", "x"), List.of("a", "y"), List.of("a", "x")), rows(result, "tag"));
    assertEquals(new RowCounters(6, 3, 0, 3, 0), counters(result.manifest(), "tag"), "b, c and d: one skipped row each");
    assertEquals(new RowCounters(4, 1, 0, 3, 0), result.manifest().sources().get(0).counters(),
        "4 records, each counted once: a written, b, c and d skipped");
  }

  @Test
  void skipCountsAndNullFillsAndConstantsAreTyped() throws Exception {
    input("o.csv", "name\nann\n");
    input("i.csv", "code,a,b\nx,ann,zed\ny,zed,ann\n");
    Path plan = plan("""
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {code: text, a_id: bigint, b_id: bigint, price: "numeric(6,2)", source: text}}
        sources:
          - file: o.csv
            format: {type: csv, header: true}
            emit: [{table: owner, values: {name: $name}}]
          - file: i.csv
            format: {type: csv, header: true}
            emit:
              - table: item
                values:
                  code: $code
                  a_id: {ref: owner, key: [$a], missing: skip}
                  b_id: {ref: owner, key: [$b], missing: "null"}
                  price: 1.5
                  source: $$literal
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(Arrays.asList("x", 1L, null, new BigDecimal("1.50"), "$literal")), rows(result, "item"));
    assertEquals(new RowCounters(2, 1, 0, 1, 0), counters(result.manifest(), "item"));
  }

  @Test
  void aConstantTheColumnRefusesIsAPlanErrorWithItsPath() throws Exception {
    input("i.csv", "code\nx\n");
    Path plan = plan("""
        tables:
          item: {columns: {code: text, qty: integer}}
        sources:
          - file: i.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, qty: lots}}]
        """);
    PlanException e = assertThrows(PlanException.class, () -> spill(plan));
    assertTrue(e.problems().get(0).startsWith("sources[0].emit[0].values.qty: constant 'lots' is not a valid integer"),
        e.problems().toString());
  }

  @Test
  void aHeaderLackingAColumnIsReportedBeforeTheDirectoryIsCreated() throws Exception {
    input("a.csv", "code\nx\n");
    input("b.csv", "kode\ny\n");
    Path plan = plan("""
        tables:
          item: {columns: {code: text}}
        sources:
          - file: "*.csv"
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code}}]
        """);
    PlanException e = assertThrows(PlanException.class, () -> spill(plan));
    assertTrue(e.getMessage().contains("column 'code' is not in the header of"), e.getMessage());
    assertTrue(e.getMessage().contains("b.csv"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void tablesOnlyTheDatabaseFillsNeedADatabase() throws Exception {
    input("i.csv", "code\nx\n");
    Path plan = plan("""
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {owner_id: bigint}}
        sources:
          - file: i.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {owner_id: {ref: owner, key: [$code]}}}]
        """);
    PlanException e = assertThrows(PlanException.class, () -> spill(plan));
    assertTrue(e.getMessage().contains("tables [owner]") && e.getMessage().contains("--url"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** Regression: a missing ref whose key holds a found nested ref showed the nested part's id ({@code release[2, 2.0]}). */
  @Test
  void aMissingRefShowsNestedRefsByTheirInputKey() throws Exception {
    input("r.csv", "registry,name,version\npypi,foo,1.0\npypi,bar,1.0\n");
    input("d.csv", "name,version\nbar,2.0\nnope,1.0\n");
    Path plan = plan("""
        tables:
          project: {columns: {id: bigint, registry: text, name: text}, id: id, key: [registry, name]}
          release: {columns: {id: bigint, project_id: bigint, version: text}, id: id, key: [project_id, version]}
          download: {columns: {release_id: bigint}}
        sources:
          - file: r.csv
            format: {type: csv, header: true}
            emit:
              - {table: project, values: {registry: $registry, name: $name}}
              - {table: release, values: {project_id: {ref: project, key: [$registry, $name]}, version: $version}}
          - file: d.csv
            format: {type: csv, header: true}
            emit:
              - table: download
                values: {release_id: {ref: release, key: [{ref: project, key: [pypi, $name], missing: "null"}, $version]}}
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of("missing ref release[project['pypi', 'bar'], '2.0']"),
        SpillTesting.rejects(result).stream().map(r -> r.get("reason")).toList(),
        "project[pypi, nope] is NULL (missing: null): a key with a NULL part is no reference, not a missing one");
    assertEquals(Collections.singletonList(Collections.singletonList(null)), rows(result, "download"));
    assertEquals("project['pypi', 'bar'], '2.0'", SpillTesting.rejects(result).get(0).get("raw_value"));
  }

  /** Regression: a row dropped by its own table (duplicate, reject) still created the rows its refs missed. */
  @Test
  void aRowItsTableDropsCreatesNoParentRows() throws Exception {
    input("items.csv", "code,owner\na,ann\na,bob\nb,cid\nb,dan\n");
    Path plan = plan("""
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {id: bigint, code: text, owner_id: bigint}, id: id, key: [code], on_duplicate: reject}
        sources:
          - file: items.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, owner_id: {ref: owner, key: [$owner], missing: create}}}]
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(List.of(1L, "ann"), List.of(2L, "cid")), rows(result, "owner"), "bob and dan were on rejected rows");
    assertEquals(List.of(List.of(1L, "a", 1L), List.of(2L, "b", 2L)), rows(result, "item"));
    assertEquals(List.of("duplicate key item['a']", "duplicate key item['b']"),
        SpillTesting.rejects(result).stream().map(r -> r.get("reason")).toList());
    assertEquals(new RowCounters(2, 2, 0, 0, 0), counters(result.manifest(), "owner"));
  }

  @Test
  void aDuplicateLinkRowCreatesNothingButARowWhoseKeyHoldsACreatedIdIsNew() throws Exception {
    input("t.csv", "pkg,tag\nspam,x\nspam,x\neggs,x\n");
    Path plan = plan("""
        tables:
          package: {columns: {id: bigint, name: text}, id: id, key: [name]}
          tag: {columns: {id: bigint, name: text}, id: id, key: [name]}
          package_tag: {columns: {package_id: bigint, tag_id: bigint}, key: [package_id, tag_id]}
        sources:
          - file: t.csv
            format: {type: csv, header: true}
            emit:
              - table: package_tag
                values:
                  package_id: {ref: package, key: [$pkg], missing: create}
                  tag_id: {ref: tag, key: [$tag], missing: create}
        """);
    SpillResult result = spill(plan);
    assertEquals(List.of(List.of(1L, 1L), List.of(2L, 1L)), rows(result, "package_tag"));
    assertEquals(new RowCounters(3, 2, 1, 0, 0), counters(result.manifest(), "package_tag"));
    assertEquals(List.of(List.of(1L, "spam"), List.of(2L, "eggs")), rows(result, "package"));
    assertEquals(List.of(List.of(1L, "x")), rows(result, "tag"));
  }
}
