package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a record the resolution pass dropped was given its rejects.csv reasons in the writing
 * sweep, after the keys lost by its own drop (and by the drops it caused) were gone, so a record in
 * a cycle was blamed for a ref to a key that only its own drop had lost ("b: other_id ... a" beside
 * the real "zzz"). The reasons are now the ones the drop sweep decided with.
 */
class DropSweepReasonsTest {
  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      tables:
        t: {columns: {id: bigint, name: text, other_id: bigint, bad_id: bigint}, id: id, key: [name]}
      sources:
        - file: t.csv
          format: {type: csv, header: true}
          emit:
            - table: t
              values:
                name: $name
                other_id: {ref: t, key: [$other], missing: reject}
                bad_id: {ref: t, key: [$bad], missing: reject}
      """;

  private List<CSVRecord> rejects(String name, String csv) throws Exception {
    Path in = tmp.resolve(name);
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", PLAN);
    Files.writeString(in.resolve("t.csv"), csv);
    return SpillTesting.rejects(SpillTesting.spill(plan, tmp.resolve(name + "-out")));
  }

  private static String line(CSVRecord r) {
    return r.get("line") + " " + r.get("column") + "=" + r.get("raw_value") + " " + r.get("reason");
  }

  /** a -> b forward, b -> a back and b -> zzz missing: b is dropped for zzz alone, then a for b. */
  @Test
  void aDroppedRecordInACycleIsRejectedForItsOwnMissingRefOnly() throws Exception {
    List<CSVRecord> rows = rejects("cycle", "name,other,bad\na,b,\nb,a,zzz\n");
    assertEquals(2, rows.size(), rows.toString());
    CSVRecord a = rows.stream().filter(r -> r.get("line").equals("2")).findFirst().orElseThrow();
    CSVRecord b = rows.stream().filter(r -> r.get("line").equals("3")).findFirst().orElseThrow();
    assertEquals("bad_id", b.get("column"), line(b));
    assertEquals("zzz", b.get("raw_value"), line(b));
    assertEquals(false, b.get("reason").contains(";"), "one reason, the drop sweep's: " + line(b));
    assertEquals("other_id", a.get("column"), line(a));
    assertEquals("b", a.get("raw_value"), line(a));
    assertEquals(false, a.get("reason").contains(";"), line(a));
  }

  /** The same, with the record that holds the dangling ref read first. */
  @Test
  void theSameCycleReadTheOtherWayRound() throws Exception {
    List<CSVRecord> rows = rejects("reversed", "name,other,bad\nb,a,zzz\na,b,\n");
    assertEquals(2, rows.size(), rows.toString());
    CSVRecord b = rows.stream().filter(r -> r.get("line").equals("2")).findFirst().orElseThrow();
    assertEquals("bad_id", b.get("column"), line(b));
    assertEquals("zzz", b.get("raw_value"), line(b));
    assertEquals(false, b.get("reason").contains(";"), "one reason, the drop sweep's: " + line(b));
  }
}
