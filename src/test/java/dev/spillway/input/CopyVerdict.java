package dev.spillway.input;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * What PostgreSQL's own {@code COPY ... FROM STDIN} makes of some bytes: the rows it loaded (text
 * columns c1..cN, NULLs as null) or, when it refused them, its error message. The table
 * {@code copied_N} is made in the connection's schema on first use and emptied for each call.
 *
 * @param rows  the rows loaded, in input order; empty on error
 * @param error the server's message when COPY failed, else null
 */
record CopyVerdict(List<List<String>> rows, String error) {
  static CopyVerdict of(Connection c, byte[] data, int columns, String options) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      names.add("c" + i);
    }
    String table = "copied_" + columns;
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (n serial, " + String.join(" text, ", names) + " text)");
      s.execute("TRUNCATE " + table);
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(
            "COPY " + table + " (" + String.join(", ", names) + ") FROM STDIN (" + options + ")", new ByteArrayInputStream(data));
      } catch (SQLException e) {
        return new CopyVerdict(List.of(), e.getMessage());
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", names) + " FROM " + table + " ORDER BY n")) {
        while (rs.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(Arrays.asList(row));
        }
      }
      return new CopyVerdict(rows, null);
    }
  }

  boolean failed() {
    return error != null;
  }
}
