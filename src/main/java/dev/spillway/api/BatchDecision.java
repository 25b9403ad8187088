package dev.spillway.api;

import dev.spillway.plan.Missing;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 2 of a flush ({@link LiveFlush}): decides, changing nothing in the database, which rows of
 * a batch are written and what each ref comes to. A ref is found when its key is in the database,
 * is the key of a row of the batch (before or after it: forward, self and cyclic refs all
 * resolve) or was created by another ref of the batch; else its {@code missing:} policy decides
 * ({@code null}, {@code create}, {@code skip} drops the row, {@code reject} rejects the record,
 * {@code error} throws). A nested ref (a ref in a key) that is missing decides for the whole ref
 * under {@code skip} and {@code reject}; under {@code null} its part is NULL and so is the ref. A
 * repeated key in the batch follows {@code on_duplicate}. A rejected record or a dropped row takes
 * its keys with it, so the decision is repeated until nothing changes (keys only disappear, so it
 * ends), as stage one's resolution does with records parked for forward refs. Single-threaded; one
 * per flush.
 */
final class BatchDecision {
  /** Keys in the database, from step 1. */
  private final Map<KeyRef, Long> inDatabase;
  /** Keys of rows of the batch that are written (first of their key). */
  private final Map<KeyRef, PendingRow> batchKeys = new HashMap<>();
  /** Keys created by {@code missing: create} refs, in order. */
  private final Set<KeyRef> created = new LinkedHashSet<>();

  BatchDecision(Map<KeyRef, Long> inDatabase) {
    this.inDatabase = inDatabase;
  }

  /**
   * Decides every row and ref of {@code records}, rejecting records and dropping rows as the plan
   * says; returns the keys {@code missing: create} refs create, in order.
   *
   * @throws LiveWriteException a {@code missing: error} ref or an {@code on_duplicate: error} key
   */
  Set<KeyRef> decide(List<PendingRecord> records) {
    boolean changed = true;
    while (changed) {
      changed = claimKeys(records);
      if (!changed) {
        changed = decideRefs(records);
      }
    }
    return created;
  }

  /** Puts the first row of each key into {@link #batchKeys}; returns whether a record was rejected. */
  private boolean claimKeys(List<PendingRecord> records) {
    batchKeys.clear();
    boolean changed = false;
    for (PendingRecord record : records) {
      for (PendingRow row : record.rows) {
        if (record.rejected()) {
          break;
        }
        row.state = row.skippedByRef ? PendingRow.State.SKIPPED : PendingRow.State.WRITE;
        if (row.state != PendingRow.State.WRITE || row.key == null || batchKeys.putIfAbsent(row.key, row) == null) {
          continue;
        }
        switch (row.table.spec.onDuplicate()) {
          case FIRST -> row.state = PendingRow.State.DUPLICATE;
          case REJECT -> {
            record.reject(row.table.name(), null, row.key.toString(), "duplicate key " + row.key);
            changed = true;
          }
          case ERROR -> throw new LiveWriteException("source " + record.source + " record " + record.sequence + ": table "
              + row.table.name() + ": duplicate key " + row.key + " (on_duplicate: error)");
        }
      }
    }
    return changed;
  }

  /** Decides every ref of the rows to write; returns whether a row was dropped or a record rejected. */
  private boolean decideRefs(List<PendingRecord> records) {
    created.clear();
    boolean changed = false;
    for (PendingRecord record : records) {
      for (PendingRow row : record.rows) {
        if (record.rejected()) {
          break;
        }
        if (row.state != PendingRow.State.WRITE) {
          continue;
        }
        for (int ordinal = 0; ordinal < row.values.length; ordinal++) {
          if (!(row.values[ordinal] instanceof PendingRef ref)) {
            continue;
          }
          String column = row.table.spec.columns().get(ordinal).name();
          PendingRef.Outcome outcome = decide(ref, record, row.table.name(), column);
          if (outcome == PendingRef.Outcome.SKIP) {
            row.skippedByRef = true;
            changed = true;
            break;
          }
          if (outcome == PendingRef.Outcome.REJECT) {
            changed = true;
            break;
          }
          if (outcome == PendingRef.Outcome.NULL && row.table.spec.key().contains(column)) {
            record.reject(row.table.name(), column, ref.describe(), "natural key column " + column + " of "
                + row.table.name() + " is NULL (missing ref " + ref.describe() + ")");
            changed = true;
            break;
          }
        }
      }
    }
    return changed;
  }

  private PendingRef.Outcome decide(PendingRef ref, PendingRecord record, String table, String column) {
    boolean anyNull = false;
    for (Object part : ref.parts) {
      if (part instanceof PendingRef nested) {
        PendingRef.Outcome o = decide(nested, record, table, column);
        if (o == PendingRef.Outcome.SKIP || o == PendingRef.Outcome.REJECT) {
          return ref.outcome = o;
        }
        anyNull |= o == PendingRef.Outcome.NULL;
      } else {
        anyNull |= part == null;
      }
    }
    if (anyNull) {
      return ref.outcome = PendingRef.Outcome.NULL; // no row has a NULL key part: like a NULL foreign key
    }
    KeyRef key = ref.key;
    if (batchKeys.containsKey(key) || created.contains(key) || inDatabase.containsKey(key)) {
      return ref.outcome = PendingRef.Outcome.FOUND;
    }
    Missing policy = ref.missing == Missing.CREATE && ref.allPartsEmpty() ? Missing.NULL : ref.missing;
    return ref.outcome = switch (policy) {
      case NULL -> PendingRef.Outcome.NULL;
      case CREATE -> {
        created.add(key);
        yield PendingRef.Outcome.CREATE;
      }
      case SKIP -> PendingRef.Outcome.SKIP;
      case REJECT -> {
        record.reject(table, column, ref.describe(), "missing ref " + ref.describe());
        yield PendingRef.Outcome.REJECT;
      }
      case ERROR -> throw new LiveWriteException("source " + record.source + " record " + record.sequence + ": table "
          + table + " column " + column + ": missing ref " + ref.describe() + " (missing: error, " + ref.yamlPath + ")");
    };
  }
}
