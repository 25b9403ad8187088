package dev.spillway.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code record(...)} call waiting for its flush: its rows, all or nothing. Rejected as a whole
 * when any row is (a value its column refuses, a key with a NULL part, a duplicate under
 * {@code on_duplicate: reject}, a ref decided {@code reject}). Mutable by the writer only.
 */
final class PendingRecord {
  final String source;
  /** 1-based, per source, over the writer's life. */
  final long sequence;
  final List<PendingRow> rows = new ArrayList<>();
  /** Why it was rejected; null while it is not. */
  LiveReject reject;

  PendingRecord(String source, long sequence) {
    this.source = source;
    this.sequence = sequence;
  }

  boolean rejected() {
    return reject != null;
  }

  void reject(String table, String column, String value, String reason) {
    if (reject == null) {
      reject = new LiveReject(source, sequence, table, column, value, reason);
    }
  }
}
