package dev.spillway.spill;

import java.util.List;

/**
 * The resolution pass: after the last source, decides the records parked because a ref was not
 * decided when they were read ({@link RecordProcessor}), so that refs resolve whatever the order of
 * rows (forward refs, self-references, cycles, refs across files) and every {@code missing:}
 * policy means what it would mean if every key had been read first. Input is not read again: the
 * parked records are ({@link ParkedRecords}); keys stay in the off-heap id maps.
 *
 * <p>A key is <i>known</i> when its table's id map has it and it is not lost. Keys of parked rows
 * were reserved when parked (see {@link KeyStates}): they are known, optimistically, until the row
 * that reserved them is dropped. The pass, each step a sequential sweep over the parked records in
 * the order they were parked (deterministic: same input, same ids, same segments):
 * <ol>
 *   <li><b>reservation sweeps</b>, while one reserves anything (none when every parked row's key was
 *       known): a row whose key held an undecided ref when it was parked reserves its key once the
 *       key is known (pass CHECK);
 *   <li><b>drop sweeps</b>, while one loses a key: a record that a {@code missing: reject} ref (or a
 *       NULL key, a duplicate under {@code on_duplicate: reject}) now rejects is dropped and its
 *       reserved keys are lost; the reserved key of a row that a {@code missing: skip} ref drops is
 *       lost; a {@code missing: error} ref to a key not known stops the run here, naming the file
 *       and line. Losing keys only drops more records, so this ends. Records that reference one
 *       another in a cycle survive together, as with deferred constraints;
 *   <li><b>the writing sweep</b> (pass DECIDE): a dropped record is rejected (one rejects.csv line,
 *       with its reasons); a kept one is written, its refs decided by policy ({@code null}: NULL,
 *       {@code create}: the row is created, also for a lost key, with the id it already has).
 * </ol>
 * Cost: one read and write of the parked records per sweep; typically one reservation sweep, one
 * drop sweep and the writing sweep. A corpus with no forward ref parks nothing and skips the pass.
 *
 * <p>Rules that follow from reserving keys when rows are parked, documented in README: a row read
 * after a parked row with the same key is its duplicate even if the parked row is dropped later
 * (the key is then lost: refs to it are missing); a key that only a parked record creates
 * ({@code missing: create}) is created by the writing sweep, so refs of other parked records with
 * another policy do not see it. Single-threaded.
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
    do {
      changed[0] = false;
      progress.resolving(total, "drop sweep " + ++sweep);
      parked.sweep(true, e -> {
        if (e.state == ParkedRecords.UNDECIDED) {
          changed[0] |= processors.get(e.fileIndex).dropIfRejected(e);
        }
      });
    } while (changed[0]);
    for (TableOutput t : tables.inLoadOrder()) {
      if (t.ids() != null) {
        t.keyStates().decideMark(t.ids().nextId());
      }
    }
    state.mode(ResolveState.Mode.DECIDE);
    progress.resolving(total, "writing");
    parked.sweep(false, e -> processors.get(e.fileIndex).decide(e));
    state.mode(ResolveState.Mode.READ);
    parked.deleteAll();
  }
}
