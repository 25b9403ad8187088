package dev.spillway.spill;

import dev.spillway.plan.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Test fixture: a target database held in memory, recording which tables were scanned row by row
 * and which were asked only for their largest id.
 */
final class FakeExistingRows implements ExistingRows {
  /** One existing row. */
  record Row(OptionalLong id, List<String> keyParts) {}

  private final Map<String, List<Row>> rows = new HashMap<>();
  private final Map<String, Long> maxIds = new HashMap<>();
  final List<String> scanned = new ArrayList<>();
  final List<String> maxIdsRead = new ArrayList<>();
  /** Thrown by {@link #checkConnection()} when set. */
  RuntimeException connectionFailure;

  FakeExistingRows row(String table, long id, String... keyParts) {
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(new Row(OptionalLong.of(id), List.of(keyParts)));
    return this;
  }

  FakeExistingRows maxId(String table, long id) {
    maxIds.put(table, id);
    return this;
  }

  @Override
  public void checkConnection() {
    if (connectionFailure != null) {
      throw connectionFailure;
    }
  }

  @Override
  public long scan(String schema, TableSpec table, Sink sink) {
    scanned.add(table.name());
    List<Row> list = rows.getOrDefault(table.name(), List.of());
    list.forEach(r -> sink.row(r.id(), r.keyParts()));
    return list.size();
  }

  @Override
  public OptionalLong maxId(String schema, TableSpec table) {
    maxIdsRead.add(table.name());
    Long max = maxIds.get(table.name());
    return max == null ? OptionalLong.empty() : OptionalLong.of(max);
  }
}
