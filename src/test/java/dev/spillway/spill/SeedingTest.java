package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental seeding through {@link ExistingRows}, with an in-memory database. */
class SeedingTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      tables:
        owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
        event: {columns: {id: %s, owner_id: bigint, note: text}, id: id}
      sources:
        - file: e.csv
          format: {type: csv, header: true}
          emit:
            - {table: owner, values: {name: $owner}}
            - {table: event, values: {owner_id: {ref: owner, key: [$owner]}, note: $note}}
      """;

  private SpillResult spill(String idType, FakeExistingRows existing, boolean force) throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", PLAN.formatted(idType));
    SpillTesting.write(tmp, "in/e.csv", "owner,note\nann,a\nbob,b\nann,c\n");
    return new Spill(SpillOptions.of(plan, tmp.resolve("out")).withForce(force),
        SpillServices.defaults("test").withExistingRows(existing)).run();
  }

  private static List<List<Object>> rows(SpillResult result, String table) {
    return SegmentRows.read(result, table).stream().map(Arrays::asList).toList();
  }

  /** Regression: a table with an id and no key was scanned row by row just to find its largest id. */
  @Test
  void aTableWithAnIdAndNoKeyReadsOnlyItsLargestId() throws Exception {
    FakeExistingRows existing = new FakeExistingRows().row("owner", 7, "ann").maxId("event", 41);
    SpillResult result = spill("bigint", existing, false);
    assertEquals(List.of("owner"), existing.scanned);
    assertEquals(List.of("event"), existing.maxIdsRead);
    assertEquals(List.of(List.of(42L, 7L, "a"), List.of(43L, 8L, "b"), List.of(44L, 7L, "c")), rows(result, "event"));
    assertEquals(List.of(List.of(8L, "bob")), rows(result, "owner"), "ann exists with id 7");
  }

  @Test
  void aDatabaseThatCannotBeReachedLeavesAnExistingSpillUntouched() throws Exception {
    String spillId = spill("bigint", new FakeExistingRows(), false).manifest().spillId();
    FakeExistingRows down = new FakeExistingRows();
    down.connectionFailure = new IllegalStateException("database down");
    assertThrows(IllegalStateException.class, () -> spill("bigint", down, true));
    assertEquals(spillId, new ManifestStore(SpillDirectory.open(tmp.resolve("out"))).read().spillId());
    assertEquals(List.of(), down.scanned);
  }

  /** Regression: an id overflowing an integer id column failed with no file or line (exit 1). */
  @Test
  void anIdPastAnIntegerColumnStopsNamingTableColumnFileAndLine() throws Exception {
    FakeExistingRows existing = new FakeExistingRows().maxId("event", Integer.MAX_VALUE - 1);
    IdRangeException e = assertThrows(IdRangeException.class, () -> spill("integer", existing, false));
    assertEquals("e.csv line 3, table event, column id: id 2147483648 does not fit integer (declare it bigint)",
        e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void aKeyedTableRunningOutOfIntegerIdsStopsAtTheRecordThatNeededOne() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          owner: {columns: {id: integer, name: text}, id: id, key: [name]}
        sources:
          - file: o.csv
            format: {type: csv, header: true}
            emit: [{table: owner, values: {name: $name}}]
        """);
    SpillTesting.write(tmp, "in/o.csv", "name\nann\nbob\ncid\n");
    FakeExistingRows existing = new FakeExistingRows().row("owner", Integer.MAX_VALUE - 1, "ann");
    IdRangeException e = assertThrows(IdRangeException.class, () -> new Spill(SpillOptions.of(plan, tmp.resolve("out")),
        SpillServices.defaults("test").withExistingRows(existing)).run());
    assertEquals("o.csv line 4, table owner, column id: id 2147483648 does not fit integer (declare it bigint)",
        e.getMessage(), "bob got 2147483647");
  }

  @Test
  void anExistingIdAnIntegerColumnCannotHoldIsRefusedBeforeReading() throws Exception {
    FakeExistingRows existing = new FakeExistingRows().maxId("event", 3_000_000_000L);
    ExistingRowsException e = assertThrows(ExistingRowsException.class, () -> spill("integer", existing, false));
    assertEquals("existing rows of public.event: id 3000000000 does not fit the plan's integer column id; declare it bigint",
        e.getMessage());
  }

  @Test
  void aCreatedRowPastAnIntegerIdColumnStopsAtTheRecordWhoseRefCreatedIt() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          owner: {columns: {id: integer, name: text}, id: id, key: [name]}
          item: {columns: {code: text, owner_id: bigint}}
        sources:
          - file: i.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, owner_id: {ref: owner, key: [$owner], missing: create}}}]
        """);
    SpillTesting.write(tmp, "in/i.csv", "code,owner\na,ann\nb,bob\n");
    FakeExistingRows existing = new FakeExistingRows().row("owner", Integer.MAX_VALUE, "ann");
    IdRangeException e = assertThrows(IdRangeException.class, () -> new Spill(SpillOptions.of(plan, tmp.resolve("out")),
        SpillServices.defaults("test").withExistingRows(existing)).run());
    assertEquals("i.csv line 3, table owner, column id: id 2147483648 does not fit integer (declare it bigint)",
        e.getMessage());
  }

  /** A nested missing: create id that does not fit an integer key column is a reject, never a NULL key part. */
  @Test
  void aCreatedIdPastAnIntegerKeyColumnIsARejectNotANull() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          pet: {columns: {id: bigint, owner_id: integer, name: text}, id: id, key: [owner_id, name]}
          visit: {columns: {pet_id: bigint}}
        sources:
          - file: v.csv
            format: {type: csv, header: true}
            emit:
              - table: visit
                values: {pet_id: {ref: pet, key: [{ref: owner, key: [$owner], missing: create}, $pet], missing: create}}
        """);
    SpillTesting.write(tmp, "in/v.csv", "owner,pet\nann,rex\nbob,max\n");
    FakeExistingRows existing = new FakeExistingRows().row("owner", Integer.MAX_VALUE, "ann").maxId("pet", 0);
    SpillResult result = new Spill(SpillOptions.of(plan, tmp.resolve("out")),
        SpillServices.defaults("test").withExistingRows(existing)).run();
    List<org.apache.commons.csv.CSVRecord> rejects = SpillTesting.rejects(result);
    assertEquals(1, rejects.size(), rejects.toString());
    assertEquals("3", rejects.get(0).get("line"));
    assertEquals("integer out of range: the id 2147483648 a missing: create of owner would get does not fit integer "
        + "key column owner_id of pet", rejects.get(0).get("reason"));
    assertEquals(1, SegmentRows.read(result, "pet").size(), "rex only: bob's record created nothing");
    assertEquals(0, SegmentRows.read(result, "owner").size(), "ann already exists; bob was not created");
  }

  private static final String PRODUCTS = """
      version: 1
      tables:
        product: {columns: {id: bigint, sku: numeric, name: text}, id: id, key: [sku]}
        sale: {columns: {n: integer, product_id: bigint}}
      sources:
        - file: s.csv
          format: {type: csv, header: true}
          emit:
            - {table: product, values: {sku: $sku, name: $name}}
            - {table: sale, values: {n: $n, product_id: {ref: product, key: [$sku]}}}
      """;

  private SpillResult spillProducts(FakeExistingRows existing) throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", PRODUCTS);
    SpillTesting.write(tmp, "in/s.csv", "n,sku,name\n1,100.5,a\n2,100.500,b\n3,7,c\n");
    return new Spill(SpillOptions.of(plan, tmp.resolve("out")), SpillServices.defaults("test").withExistingRows(existing))
        .run();
  }

  /** An existing key written with another scale is the same key: no second row, refs get its id. */
  @Test
  void anExistingKeyMatchesItsOtherSpellings() throws Exception {
    SpillResult result = spillProducts(new FakeExistingRows().row("product", 4, "100.50"));
    assertEquals(List.of(List.of(5L, new java.math.BigDecimal("7"), "c")), rows(result, "product"));
    assertEquals(List.of(List.of(1, 4L), List.of(2, 4L), List.of(3, 5L)), rows(result, "sale"));
  }

  /** Rows loaded into a table without a unique key, whose keys the type calls equal, stop the spill naming both. */
  @Test
  void twoExistingRowsWithOneKeyStopNamingBothIds() throws Exception {
    FakeExistingRows existing = new FakeExistingRows().row("product", 4, "100.50").row("product", 9, "100.5");
    ExistingRowsException e = assertThrows(ExistingRowsException.class, () -> spillProducts(existing));
    assertEquals("existing rows of public.product: the rows with ids 4 and 9 have one natural key [sku] as the columns'"
        + " types compare it (this one's is ['100.5']; e.g. numeric 100.50 = 100.5, interval 1 mon = 30 days): the table"
        + " holds a key twice, which its unique key would refuse; delete or change one of the two rows", e.getMessage());
  }
}
