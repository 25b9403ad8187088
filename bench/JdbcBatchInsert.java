import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reference loader for bench/run.sh: JDBC batched INSERT with reWriteBatchedInserts=true, the way
 * a hand-written loader would do it. Loads norm/TABLE.csv (ids already resolved) into existing
 * tables, in the order given, 1000 rows a batch, one commit per 50 batches.
 *
 *   java -cp target/spillway.jar bench/JdbcBatchInsert.java JDBC_URL SCHEMA NORM_DIR TABLE...
 */
public class JdbcBatchInsert {
  public static void main(String[] args) throws Exception {
    String url = args[0] + (args[0].contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    String schema = args[1];
    Path dir = Path.of(args[2]);
    long total = 0;
    try (Connection c = DriverManager.getConnection(url, System.getProperty("user", "postgres"), "")) {
      c.setAutoCommit(false);
      for (int t = 3; t < args.length; t++) {
        total += load(c, schema, args[t], dir.resolve(args[t] + ".csv"));
      }
    }
    System.out.println(total);
  }

  private static long load(Connection c, String schema, String table, Path csv) throws Exception {
    String qualified = "\"" + schema + "\".\"" + table + "\"";
    int[] types;
    int columns;
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + qualified + " LIMIT 0")) {
      ResultSetMetaData md = rs.getMetaData();
      columns = md.getColumnCount();
      types = new int[columns];
      for (int i = 0; i < columns; i++) {
        types[i] = md.getColumnType(i + 1);
      }
    }
    String sql = "INSERT INTO " + qualified + " VALUES (" + "?,".repeat(columns - 1) + "?)";
    long rows = 0;
    try (PreparedStatement ps = c.prepareStatement(sql);
        Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.POSTGRESQL_CSV.parse(in)) {
        for (int i = 0; i < columns; i++) {
          String v = r.get(i);
          if (v == null || v.isEmpty()) {
            ps.setNull(i + 1, types[i]);
          } else if (types[i] == Types.BIGINT) {
            ps.setLong(i + 1, Long.parseLong(v));
          } else if (types[i] == Types.INTEGER) {
            ps.setInt(i + 1, Integer.parseInt(v));
          } else {
            ps.setString(i + 1, v);
          }
        }
        ps.addBatch();
        if (++rows % 1000 == 0) {
          ps.executeBatch();
          if (rows % 50_000 == 0) {
            c.commit();
          }
        }
      }
      ps.executeBatch();
      c.commit();
    }
    return rows;
  }
}
