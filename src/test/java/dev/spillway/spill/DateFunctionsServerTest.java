package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.copyCsv;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * to_date, to_timestamp and parse_int results go through the column's codec: what stage one
 * encodes must be what the server's own to_date / to_timestamp / hex cast give for the same text
 * (COPYed by Postgres), BC dates, leap days, offsets and negative numbers included.
 */
@ExtendWith(PgExtension.class)
class DateFunctionsServerTest {
  @TempDir
  Path tmp;

  @Test
  void convertedValuesEqualTheServersOwnConversions(TestDatabase db) throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          t: {columns: {k: integer, d: date, ts: timestamp, tz: timestamptz, n: bigint}, key: [k]}
        sources:
          - file: v.csv
            format: {type: csv, header: true}
            emit:
              - table: t
                values:
                  k: $k
                  d: {to_date: [$d, "dd/MM/yyyy G"]}
                  ts: {to_timestamp: [$ts, "dd.MM.yyyy HH:mm:ss"]}
                  tz: {to_timestamp: [$tz, "yyyy-MM-dd HH:mm XXX"]}
                  n: {parse_int: [$n, 16]}
        """);
    SpillTesting.write(tmp, "in/v.csv", """
        k,d,ts,tz,n
        1,29/02/2024 AD,01.05.2024 13:05:09,2024-05-01 13:05 +02:00,7fffffffffffffff
        2,15/03/0044 BC,31.12.1999 23:59:59,1999-12-31 23:30 -05:30,-ff
        3,01/01/0001 AD,01.01.2000 00:00:00,2000-01-01 00:00 Z,0
        4,,,,
        """);
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    SpillTesting.assertBalanced(result.manifest());
    db.execute("CREATE TABLE t (k integer, d date, ts timestamp, tz timestamptz, n bigint)");
    SpillTesting.loadWithCopy(db, result);
    db.execute("CREATE TABLE s (k integer, d text, ts text, tz text, n text)");
    copyCsv(db, "s", "k, d, ts, tz, n", tmp.resolve("in/v.csv"));
    String expected = """
        SELECT k, to_date(d, 'DD/MM/YYYY BC'), to_timestamp(ts, 'DD.MM.YYYY HH24:MI:SS')::timestamp,
               to_timestamp(replace(tz, ' Z', ' +00:00'), 'YYYY-MM-DD HH24:MI TZH:TZM'),
               CASE WHEN n LIKE '-%' THEN -('x' || lpad(substr(n, 2), 16, '0'))::bit(64)::bigint
                    ELSE ('x' || lpad(n, 16, '0'))::bit(64)::bigint END
        FROM s""";
    assertEquals(List.of(), query(db, "(" + expected + ") EXCEPT ALL SELECT * FROM t"), "rows the server's functions give that the spill lacks");
    assertEquals(List.of(), query(db, "SELECT * FROM t EXCEPT ALL (" + expected + ")"), "rows the spill has that the server's functions do not give");
    assertEquals("4", db.queryOne("SELECT count(*) FROM t"));
  }
}
