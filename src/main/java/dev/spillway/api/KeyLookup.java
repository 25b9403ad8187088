package dev.spillway.api;

import dev.spillway.pg.Identifiers;
import dev.spillway.pg.SqlErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the ids natural keys have in the database, in the caller's transaction (so rows an earlier
 * flush of the same transaction wrote are found), the {@link IdCache} first. One query per table
 * and nesting level:
 * <pre>
 * SELECT v.ord, t."id" FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS v(p0, p1, ord)
 *   JOIN "s"."t" t ON t."k0" = v.p0::text AND t."k1" = v.p1::bigint
 * </pre>
 * Each part is sent as the key column codec's text and cast to the column's type, so the lookup
 * uses the key's unique index. A key whose nested part (a ref in a key column) is not in the
 * database cannot be either and is not asked for. Single-threaded.
 */
final class KeyLookup {
  private final Connection connection;
  private final IdCache cache;

  KeyLookup(Connection connection, IdCache cache) {
    this.connection = connection;
    this.cache = cache;
  }

  /** The ids of those of {@code keys} (and of their nested keys) that are in the database; absent ones are not in the map. */
  Map<KeyRef, Long> find(Collection<KeyRef> keys) {
    Map<KeyRef, Long> found = new HashMap<>();
    Set<KeyRef> absent = new HashSet<>();
    Set<KeyRef> todo = new HashSet<>();
    keys.forEach(k -> collect(k, todo));
    while (!todo.isEmpty()) {
      Map<LiveTable, List<KeyRef>> ready = new LinkedHashMap<>();
      for (KeyRef k : new ArrayList<>(todo)) {
        Boolean decided = nestedDecided(k, found, absent);
        if (decided == null) {
          continue; // a nested part is not looked up yet
        }
        todo.remove(k);
        Long cached = cache.get(k);
        if (!decided) {
          absent.add(k);
        } else if (cached != null) {
          found.put(k, cached);
        } else {
          ready.computeIfAbsent(k.table(), t -> new ArrayList<>()).add(k);
        }
      }
      for (Map.Entry<LiveTable, List<KeyRef>> e : ready.entrySet()) {
        query(e.getKey(), e.getValue(), found, absent);
      }
    }
    return found;
  }

  private static void collect(KeyRef k, Set<KeyRef> into) {
    if (k.table().idOrdinal < 0 || !into.add(k)) {
      return;
    }
    for (Object p : k.parts()) {
      if (p instanceof KeyRef nested) {
        collect(nested, into);
      }
    }
  }

  /** True when every nested part is found, false when one is absent, null while one is undecided. */
  private static Boolean nestedDecided(KeyRef k, Map<KeyRef, Long> found, Set<KeyRef> absent) {
    boolean all = true;
    for (Object p : k.parts()) {
      if (p instanceof KeyRef nested) {
        if (absent.contains(nested)) {
          return false;
        }
        all &= found.containsKey(nested);
      }
    }
    return all ? Boolean.TRUE : null;
  }

  private void query(LiveTable table, List<KeyRef> keys, Map<KeyRef, Long> found, Set<KeyRef> absent) {
    int n = table.keyOrdinals.length;
    StringBuilder sql = new StringBuilder("SELECT v.ord, t.").append(Identifiers.quote(table.idColumn().orElseThrow()))
        .append(" FROM unnest(");
    StringBuilder names = new StringBuilder();
    StringBuilder on = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "" : ", ").append("?::text[]");
      names.append("p").append(i).append(", ");
      String column = table.spec.columns().get(table.keyOrdinals[i]).name();
      String type = table.spec.columns().get(table.keyOrdinals[i]).type().sqlName();
      on.append(i == 0 ? "" : " AND ").append("t.").append(Identifiers.quote(column)).append(" = v.p").append(i)
          .append("::").append(type);
    }
    sql.append(") WITH ORDINALITY AS v(").append(names).append("ord) JOIN ").append(table.target.sql()).append(" t ON ")
        .append(on);
    try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < n; i++) {
        String[] texts = new String[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
          Object part = keys.get(k).parts().get(i);
          texts[k] = part instanceof KeyRef nested ? Long.toString(found.get(nested)) : table.keyCodec(i).format(part);
        }
        Array array = connection.createArrayOf("text", texts);
        ps.setArray(i + 1, array);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          KeyRef k = keys.get((int) rs.getLong(1) - 1);
          found.put(k, rs.getLong(2));
          cache.put(k, rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking up " + keys.size() + " natural keys of " + table.target, e);
    }
    for (KeyRef k : keys) {
      if (!found.containsKey(k)) {
        absent.add(k);
      }
    }
  }
}
