package dev.spillway.spill;

import dev.spillway.plan.OnDuplicate;
import java.util.List;

/**
 * The resolution pass: after the last source, decides the records parked because a ref was not
 * decided when they were read ({@link RecordProcessor}), so that refs resolve whatever the order of
 * rows (forward refs, self-references, cycles, refs across files) and every {@code missing:}
 * policy means what it would mean if every key had been read first. Input is not read again: the
 * parked records are ({@link ParkedRecords}); keys stay in the off-heap id maps.
 *
 * <p>A key is <i>known</i> when its table's id map has it and it is not lost. Keys of parked rows
 * were reserved when parked (see {@link KeyStates}): they are known, optimistically, until every
 * row that holds them is dropped. A row read after a parked row with the same key is parked too, as
 * a <i>contender</i> for the key: which of them is written is decided here, <b>the first one in
 * input order whose record is kept</b>, so a record dropped later never takes a valid record's
 * key with it. The pass, each step a sequential sweep over the parked records in the order they
 * were parked (deterministic: same input, same ids, same segments):
 * <ol>
 *   <li><b>reservation sweeps</b>, while one reserves anything (none when every parked row's key was
 *       known): a row whose key held an undecided ref when it was parked reserves its key once the
 *       key is known (pass CHECK), or contends for it when a parked row holds it already;
 *   <li><b>drop sweeps</b>, while one loses a key: a record that a {@code missing: reject} ref (or a
 *       NULL key) now rejects is dropped and releases the keys it holds; a row that a
 *       {@code missing: skip} ref drops releases its key; a key whose every holder was released is
 *       lost; a {@code missing: error} ref to a key not known stops the run here, naming the file
 *       and line. Losing keys only drops more records, so this ends. Records that reference one
 *       another in a cycle survive together, as with deferred constraints. Every holder of a key
 *       counts here, duplicates or not;
 *   <li><b>duplicate sweeps</b>, only for tables with {@code on_duplicate: reject} or {@code error}
 *       and a key held by more than one kept row: the first holder of each key owns it, a later one
 *       is a duplicate, and its record is rejected (releasing its keys: back to the drop sweeps) or
 *       stops the run. A claim counts once the whole record is checked: a record rejected owns none
 *       of its keys, so a later holder of its other keys may own them in the same sweep. Ends when a sweep rejects nothing. (A record rejected as a duplicate stays
 *       rejected even if its key's owner is dropped afterwards, which only a record holding a key
 *       the owner needs can cause.)
 *   <li><b>the writing sweep</b> (pass DECIDE): a dropped record is rejected (one rejects.csv line,
 *       with its reasons); a kept one is written, its refs decided by policy ({@code null}: NULL,
 *       {@code create}: the row is created, also for a lost key, with the id it already has); the
 *       first kept holder of a key writes its row with the key's id, a later one is a duplicate
 *       ({@code on_duplicate: first}).
 * </ol>
 * Cost: one read and write of the parked records per sweep; typically one reservation sweep, one
 * drop sweep and the writing sweep. A corpus with no forward ref parks nothing and skips the pass.
 *
 * <p>Rules that follow, documented in README: a key gets its id when first read, whichever of its
 * records is written; a key whose every record is dropped has an id but no row (refs to it are
 * missing; ids of such keys leave gaps); a row whose key holds a ref not known when read is
 * decided when the key becomes known, so a row read later with the key and written at once keeps
 * it; a key that only a parked record creates ({@code missing: create}) is created by the writing
 * sweep, so refs of other parked records with another policy do not see it. Single-threaded.
 */
final class Resolution {
  private final ParkedRecords parked;
  /** The processor of each input file, by index in reading order. */
  private final List<RecordProcessor> processors;
  private final Tables tables;
  private final SpillProgress progress;

  Resolution(ParkedRecords parked, List<RecordProcessor> processors, Tables tables, SpillProgress progress) {
    this.parked = parked;
    this.progress = progress;
    this.processors = List.copyOf(processors);
    this.tables = tables;
  }

  /** Records parked while reading. */
  long parkedCount() {
    return parked.count();
  }

  /** Runs the pass; see the class comment. */
  void run() {
    if (parked.count() == 0) {
      parked.deleteAll();
      return;
    }
    ResolveState state = tables.resolveState();
    state.mode(ResolveState.Mode.CHECK);
    long total = parked.count();
    boolean[] changed = new boolean[1];
    changed[0] = parked.unreservedKeys() > 0;
    int sweep = 0;
    while (changed[0]) {
      changed[0] = false;
      progress.resolving(total, "reservation sweep " + ++sweep);
      parked.sweep(true, e -> {
        if (e.state == ParkedRecords.UNDECIDED) {
          changed[0] |= processors.get(e.fileIndex).reserveKnownKeys(e);
        }
      });
    }
    sweep = 0;
    int claimSweep = 0;
    boolean[] dropped = new boolean[1];
    do {
      do {
        changed[0] = false;
        progress.resolving(total, "drop sweep " + ++sweep);
        parked.sweep(true, e -> {
          if (e.state == ParkedRecords.UNDECIDED) {
            changed[0] |= processors.get(e.fileIndex).dropIfRejected(e);
          }
        });
      } while (changed[0]);
      if (!duplicatesMayReject()) {
        break;
      }
      dropped[0] = false;
      state.claimSweep(++claimSweep);
      progress.resolving(total, "duplicate sweep " + claimSweep);
      parked.sweep(true, e -> {
        if (e.state == ParkedRecords.UNDECIDED) {
          processors.get(e.fileIndex).dropIfRejected(e);
          dropped[0] |= e.state == ParkedRecords.DROPPED;
        }
      });
      state.claimSweep(0);
    } while (dropped[0]);
    for (TableOutput t : tables.inLoadOrder()) {
      if (t.ids() != null) {
        t.keyStates().decideMark(t.ids().nextId());
      }
    }
    state.mode(ResolveState.Mode.DECIDE);
    state.claimSweep(++claimSweep);
    progress.resolving(total, "writing");
    parked.sweep(false, e -> processors.get(e.fileIndex).decide(e));
    state.claimSweep(0);
    state.mode(ResolveState.Mode.READ);
    parked.deleteAll();
  }

  /** Whether a table whose duplicates are rejected or stop the run has a key more than one parked row holds. */
  private boolean duplicatesMayReject() {
    for (TableOutput t : tables.inLoadOrder()) {
      if (t.spec().onDuplicate() != OnDuplicate.FIRST && t.keyStates().anyContested()) {
        return true;
      }
    }
    return false;
  }
}
