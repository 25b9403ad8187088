package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What we refuse, the server refuses too: each input of {@link RejectValues#SERVER_AGREES} is
 * inserted as an untyped literal into a column of its type (the input function with the column's
 * typmod, as COPY applies it) and must fail. The deliberate {@link RejectValues#STRICTER_THAN_SERVER}
 * cases must succeed there, which pins down exactly where we are stricter.
 */
@ExtendWith(PgExtension.class)
class ServerRejectsAgreementTest {
  @Test
  void serverRefusesWhatWeRefuseAndAcceptsOnlyTheDocumentedExtras(TestDatabase db) throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'");
      s.execute("CREATE FUNCTION try_insert(tbl text, val text) RETURNS text LANGUAGE plpgsql AS $$ "
          + "BEGIN EXECUTE format('INSERT INTO %I VALUES (%L)', tbl, val); RETURN NULL; "
          + "EXCEPTION WHEN others THEN RETURN SQLERRM; END $$");
      Map<String, String> tables = new LinkedHashMap<>();
      List<RejectValues.Case> all = new ArrayList<>(RejectValues.SERVER_AGREES);
      all.addAll(RejectValues.STRICTER_THAN_SERVER);
      for (RejectValues.Case k : all) {
        tables.computeIfAbsent(k.type(), t -> "p" + tables.size());
      }
      for (Map.Entry<String, String> e : tables.entrySet()) {
        s.execute("CREATE TABLE " + e.getValue() + " (v " + e.getKey() + ")");
      }
      try (PreparedStatement p = c.prepareStatement("SELECT try_insert(?, ?)")) {
        for (RejectValues.Case k : all) {
          p.setString(1, tables.get(k.type()));
          p.setString(2, k.input());
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            String error = rs.getString(1);
            boolean shouldFail = RejectValues.SERVER_AGREES.contains(k);
            if (shouldFail && error == null) {
              failures.add(k + ": server accepts it, we refuse with '" + k.reason() + "'");
            } else if (!shouldFail && error != null) {
              failures.add(k + ": listed as stricter than the server, but the server refuses it too: " + error);
            }
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " disagreements\n  " + String.join("\n  ", failures));
    }
  }
}
