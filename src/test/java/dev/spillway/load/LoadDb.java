package dev.spillway.load;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers around the test database: connection factories, URLs, checksums, reference tables. */
final class LoadDb {
  private LoadDb() {}

  /** A factory through the same resolution users get (user and password from a made-up environment). */
  static ConnectionFactory factory(TestDatabase db) {
    Map<String, String> env = new HashMap<>();
    env.put("PGUSER", db.user());
    if (db.password() != null && !db.password().isEmpty()) {
      env.put("PGPASSWORD", db.password());
    }
    return new ConnectionFactory(ConnectionOptions.resolve(db.jdbcUrl(), ClientEnvironment.of(env, "nobody")));
  }

  /** {@code count:md5} of the table's rows as text, in {@code orderBy} order: equal iff the contents are. */
  static String checksum(TestDatabase db, String table, String orderBy) throws SQLException {
    return db.queryOne("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY " + orderBy + ")), '-')"
        + " FROM " + table + " t");
  }

  /** Inserts rows with plain JDBC, the reference the loaded table is compared with. */
  static void insert(TestDatabase db, String table, int columns, List<Object[]> rows) throws SQLException {
    String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      c.setAutoCommit(false);
      for (Object[] row : rows) {
        for (int i = 0; i < columns; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    }
  }

  static long count(TestDatabase db, String sql) throws SQLException {
    return Long.parseLong(db.queryOne(sql));
  }
}
