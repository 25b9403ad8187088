package dev.spillway.spill;

import dev.spillway.idmap.NaturalKey;
import dev.spillway.idmap.NaturalKeyDecoder;
import dev.spillway.input.SourceRecord;
import dev.spillway.input.MalformedRecord;
import dev.spillway.input.MalformedRecordListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns the records of one input file into rows, each record <b>all or nothing</b>: every row the
 * record emits (per emit in order, per for_each element) is first checked, changing nothing; then
 * the record is either rejected as a whole, parked, or committed (rows created by
 * {@code missing: create} refs, claimed, written). Also hears the file's malformed records.
 *
 * <p>Checking a row: build it ({@link RowBuilder}), then, for a keyed table, ask its identity
 * whether the key is new ({@link RowIdentity#peek}); keys claimed by earlier rows of the same
 * record are in the {@link RecordScope}, so a later row can ref them (placeholder id) and a repeated
 * key is a duplicate. Then:
 * <ul>
 *   <li>any row rejected (bad value, NULL or too long key, duplicate under
 *       {@code on_duplicate: reject}, a ref decided {@code reject}): the record is rejected, one line
 *       in rejects.csv with every reason, every row counted rejected in its table, nothing written
 *       and nothing created;
 *   <li>else any row with an undecided ref ({@link RowStatus#UNRESOLVED}): the record is parked
 *       ({@link ParkedRecords}) whole; its rows' new keys are reserved now (ids follow first
 *       appearance; later rows with those keys are their duplicates) and the
 *       {@link Resolution} decides it after the last source;
 *   <li>else the record is committed: rows created, claimed and written. The check kept a copy of
 *       each row that creates nothing; a copy holding placeholder ids gets the real ids put in their
 *       place ({@link RowBuilder#replacePlaceholders}); a row creating rows, or one whose placeholder
 *       stands for a key not written yet or holding a placeholder itself, is built again.
 * </ul>
 * {@code missing: skip} drops only its row and {@code on_duplicate: first} only the duplicate:
 * neither fails the record. An emit whose {@code when:} does not hold gives the record no row
 * there (counted nowhere there); a {@code when:} or for_each value a plan function cannot compute
 * is one rejected row of that emit ({@link EmitSelection}), which rejects the record.
 *
 * <p>Accounting: each record counts once for its file ({@code read}) and once in one bucket: rejected
 * if rejected, else written if any row was written, else duplicate if any row was a duplicate,
 * else skipped. Each row counts once for its table: a for_each value without element is one row
 * skipped; a malformed record (bad encoding, wrong field count, ...) one row rejected per emit
 * and one rejects.csv line (no table). So {@code read = written + duplicates + skipped + rejected}
 * holds per table and per file. Single-threaded; one per input file.
 */
final class RecordProcessor implements MalformedRecordListener {
  /** Slot flags, also stored with parked records: a for_each value without element. */
  static final byte EMPTY = 0;
  /** A new key: reserved while parked (then written with its id), claimed when committed at once. */
  static final byte RESERVED = 1;
  /** A duplicate of an earlier row, decided when read. */
  static final byte DUPLICATE = 2;
  /** Claimed when the record is written (no key, or a key not known yet). */
  static final byte LATER = 3;
  /**
   * A key a parked row had reserved when this row was checked: held as well (see {@link KeyStates});
   * the first holder the resolution pass keeps writes the row, the others are its duplicates.
   */
  static final byte CONTENDER = 4;
  /** A RESERVED or CONTENDER row of a kept record that a {@code missing: skip} dropped: its hold on the key was released. */
  static final byte RELEASED = 5;

  /** One row of the record being processed; reused. */
  private static final class Slot {
    CompiledEmit emit;
    String element;
    /** The element's 1-based {@code $#}; 0 without for_each. */
    int position;
    byte flag;
    RowStatus status;
    String column;
    String rawValue;
    String reason;
    /** The checked row when it is final but for its id and its placeholder ids (nothing to create); reused. */
    Object[] values;
    /** Whether {@link #values} holds this record's row. */
    boolean hasValues;
    /** Whether {@link #values} holds placeholder ids, replaced by the real ones when the record is written. */
    boolean hasPlaceholders;
  }

  private final String sourceFile;
  private final int fileIndex;
  private final TableCounters fileCounters;
  private final Rejects rejects;
  /** The table of each emit of the source, for malformed records. */
  private final List<TableOutput> emitTables;
  private final ResolveState state;
  private final ParkedRecords parked;
  /** Reused for every row. */
  private final RowProblem problem = new RowProblem();
  /** Slots of the current record; the first {@link #slotCount} are in use. */
  private final List<Slot> slots = new ArrayList<>();
  private int slotCount;
  /** Reused to park a record. */
  private final ParkedRecords.Entry entry = new ParkedRecords.Entry();
  /** Reused for the keys of rejected records' rows. */
  private final NaturalKey rejectedKey = new NaturalKey();
  /** Set once the file's header is bound; an array, so the per-record loop allocates no iterator. */
  private CompiledEmit[] emits = new CompiledEmit[0];
  /** Set by the reservation sweep: LATER keyed rows whose key is known now are reserved while checked. */
  private ParkedRecords.Entry reserving;
  /** Keys the record being checked claimed ({@link #settle}), and their tables' states: taken back if it is rejected. */
  private final List<KeyStates> claimedIn = new ArrayList<>();
  private final List<NaturalKey> claimedKeys = new ArrayList<>();

  RecordProcessor(String sourceFile, int fileIndex, TableCounters fileCounters, Rejects rejects,
      List<TableOutput> emitTables, ResolveState state, ParkedRecords parked) {
    this.sourceFile = sourceFile;
    this.fileIndex = fileIndex;
    this.fileCounters = fileCounters;
    this.rejects = rejects;
    this.emitTables = List.copyOf(emitTables);
    this.state = state;
    this.parked = parked;
  }

  void bind(List<CompiledEmit> compiled) {
    this.emits = compiled.toArray(new CompiledEmit[0]);
    // a slot per emit now, not when the first record needs it: the per-row code then never grows the
    // list but for for_each elements, a path compiled code would otherwise first take in a later file
    while (slots.size() < emits.length) {
      slots.add(new Slot());
    }
  }

  /** Whether the file's emits are bound (a file without header line is never bound, so nothing of it is parked). */
  boolean bound() {
    return emits.length > 0;
  }

  /** A record as read (pass READ): rejected, parked or written. */
  void process(SourceRecord record) {
    fileCounters.record();
    RowStatus verdict = check(record, null, record.line());
    if (verdict == RowStatus.REJECTED) {
      rememberRejectedKeys(record, record.line(), reject(record.line()));
    } else if (verdict == RowStatus.UNRESOLVED) {
      park(record, record.line());
    } else {
      commit(record, null, record.line());
    }
  }

  // ---- the resolution pass (see Resolution) ----

  /**
   * Reservation sweep (pass CHECK): reserves the keys of LATER rows of keyed tables that are known
   * now; returns whether any was reserved (the entry's flags and keys are updated).
   */
  boolean reserveKnownKeys(ParkedRecords.Entry e) {
    reserving = e;
    boolean changed = false;
    try {
      byte[] before = java.util.Arrays.copyOf(e.flags, e.slotCount);
      check(e::field, e, e.line);
      for (int i = 0; i < e.slotCount; i++) {
        changed |= before[i] != e.flags[i];
      }
    } finally {
      reserving = null;
    }
    return changed;
  }

  /**
   * Drop sweep (pass CHECK): decides whether the record survives; a record that would be rejected
   * is marked dropped and the keys it reserved are lost, as is the key of a reserved row its
   * {@code missing: skip} drops. Returns whether a key was newly lost.
   */
  boolean dropIfRejected(ParkedRecords.Entry e) {
    RowStatus verdict = check(e::field, e, e.line);
    boolean lostAny = false;
    for (int i = 0; i < e.slotCount; i++) {
      boolean rowGone = verdict == RowStatus.REJECTED || slots.get(i).status == RowStatus.SKIPPED;
      if (rowGone && (e.flags[i] == RESERVED || e.flags[i] == CONTENDER)) {
        TableOutput table = slots.get(i).emit.table();
        lostAny |= table.keyStates().release(parkedKey(e.keys[i]));
        if (verdict != RowStatus.REJECTED) {
          e.flags[i] = RELEASED; // the record stays and is checked again: release its hold once
        }
      }
    }
    if (verdict == RowStatus.REJECTED) {
      e.state = ParkedRecords.DROPPED;
      e.rejection = rejection(); // now, while the keys it decided with are known: the writing sweep's would blame its own drop
      String why = null;
      long at = -1;
      for (int i = 0; i < e.slotCount; i++) {
        if (e.flags[i] == RESERVED || e.flags[i] == CONTENDER) {
          why = why != null ? why : sourceFile + " line " + e.line + ": " + e.rejection.reason();
          at = slots.get(i).emit.table().keyStates().rejected(parkedKey(e.keys[i]), why, at);
        }
      }
    }
    return lostAny;
  }

  /**
   * Writing sweep: a dropped record is rejected with the reasons its drop sweep found (its rows,
   * rebuilt in pass CHECK, are counted), a kept one written (pass DECIDE).
   */
  void decide(ParkedRecords.Entry e) {
    if (e.state == ParkedRecords.DROPPED) {
      ResolveState.Mode mode = state.mode();
      int sweep = state.claimSweep();
      state.mode(ResolveState.Mode.CHECK);
      state.claimSweep(0); // a dropped record holds no key
      try {
        check(e::field, e, e.line);
      } finally {
        state.mode(mode);
        state.claimSweep(sweep);
      }
      countRejected();
      e.rejection.writeTo(rejects, sourceFile, e.line);
      return;
    }
    RowStatus verdict = check(e::field, e, e.line);
    if (verdict == RowStatus.REJECTED) {
      reject(e.line); // the drop sweeps decided with the same keys: only a record without reserved keys gets here
    } else {
      commit(e::field, e, e.line);
    }
  }

  // ---- checking, one record ----

  /** Checks every row of the record; returns REJECTED, UNRESOLVED or WRITTEN (FATAL throws). */
  private RowStatus check(IntFunction<String> fields, ParkedRecords.Entry given, long line) {
    state.scope().clear();
    slotCount = 0;
    claimedIn.clear();
    claimedKeys.clear();
    RowStatus verdict = checkRows(fields, given, line);
    if (verdict == RowStatus.REJECTED) {
      // claims are tentative until the whole record is checked: a rejected record owns no key
      for (int i = 0; i < claimedKeys.size(); i++) {
        claimedIn.get(i).unclaim(claimedKeys.get(i));
      }
    }
    return verdict;
  }

  private RowStatus checkRows(IntFunction<String> fields, ParkedRecords.Entry given, long line) {
    RowStatus verdict = RowStatus.WRITTEN;
    try {
      for (CompiledEmit emit : emits) {
        if (emit.when() != null && !EmitSelection.holds(emit, fields, problem)) {
          if (problem.reason() != null) {
            verdict = worse(verdict, rowDone(emptySlot(emit), RowStatus.REJECTED));
          }
          continue;
        }
        if (emit.forEach().isEmpty()) {
          verdict = worse(verdict, checkRow(emit, null, 0, fields, given, line));
          continue;
        }
        List<String> elements = EmitSelection.elements(emit, fields, problem);
        if (elements == null) {
          verdict = worse(verdict, rowDone(emptySlot(emit), RowStatus.REJECTED));
          continue;
        }
        if (elements.isEmpty()) {
          emptySlot(emit).status = RowStatus.SKIPPED;
        }
        for (int i = 0; i < elements.size(); i++) {
          verdict = worse(verdict, checkRow(emit, elements.get(i), i + 1, fields, given, line));
        }
      }
    } catch (IdOverflow e) {
      throw new IdRangeException(sourceFile, line, e.table, e.column, e.id);
    }
    return verdict;
  }

  private static RowStatus worse(RowStatus verdict, RowStatus row) {
    if (verdict == RowStatus.REJECTED || row == RowStatus.REJECTED) {
      return RowStatus.REJECTED;
    }
    return verdict == RowStatus.UNRESOLVED || row == RowStatus.UNRESOLVED ? RowStatus.UNRESOLVED : RowStatus.WRITTEN;
  }

  /** A slot for a row the emit does not build (no for_each element, or its selection failed). */
  private Slot emptySlot(CompiledEmit emit) {
    Slot s = nextSlot(emit, null, 0);
    s.flag = EMPTY;
    return s;
  }

  /** Builds the slot's row, with its for_each element and {@code $#}. */
  private RowStatus build(Slot s, IntFunction<String> fields) {
    if (s.position > 0) {
      s.emit.forEach().orElseThrow().position().at(s.position);
    }
    return s.emit.rows().build(fields, s.element, problem);
  }

  private RowStatus checkRow(CompiledEmit emit, String element, int position, IntFunction<String> fields,
      ParkedRecords.Entry given, long line) {
    int index = slotCount;
    Slot s = nextSlot(emit, element, position);
    byte flag = given == null ? LATER : given.flags[index];
    TableOutput table = emit.table();
    RowBuilder rows = emit.rows();
    RowStatus status = build(s, fields);
    if (status == RowStatus.FATAL) {
      if (reserving != null) {
        return rowDone(s, RowStatus.REJECTED); // a missing: error ref: a later reservation sweep may still reserve its key
      }
      throw new InputErrorException(sourceFile, line, table.name(), problem.column(), problem.reason());
    }
    s.flag = flag;
    if (status == RowStatus.REJECTED || status == RowStatus.SKIPPED) {
      return rowDone(s, status);
    }
    if (flag == RELEASED) {
      throw new IllegalStateException(sourceFile + " line " + line + ": table " + table.name()
          + ": a row a missing: skip dropped is built again (" + status + ")");
    }
    keep(s, rows, status);
    if (flag == RESERVED || flag == CONTENDER) {
      return rowDone(s, status == RowStatus.WRITTEN ? settle(table, rows, given.keys[index], line) : status);
    }
    if (flag == DUPLICATE) {
      return rowDone(s, status == RowStatus.WRITTEN ? RowStatus.DUPLICATE : status);
    }
    boolean canPeek = table.spec().hasKey() && (status == RowStatus.WRITTEN || !rows.keyUnresolved());
    if (!canPeek) {
      return rowDone(s, status);
    }
    int claimed = state.scope().size();
    RowStatus peeked = table.identity().peek(rows.row(), rows.keyHoldsCreatedId(), problem);
    if (rows.keyUsesPlaceholder() && state.scope().size() > claimed) {
      state.scope().keyHoldsPlaceholder(claimed);
    }
    if (peeked == RowStatus.CONTENDER && given != null && reserving == null) {
      // a row whose key was not known by the reservation sweeps cannot meet a pending key later
      peeked = table.identity().duplicate(rows.row(), problem);
    }
    if (peeked == RowStatus.FATAL) {
      throw new InputErrorException(sourceFile, line, table.name(), problem.column(), problem.reason());
    }
    if (peeked == RowStatus.REJECTED) {
      return rowDone(s, peeked);
    }
    if (peeked == RowStatus.CONTENDER) { // the record is parked; the resolution pass decides which holder is kept
      s.flag = CONTENDER;
      if (reserving != null) {
        reserving.flags[index] = CONTENDER;
        reserving.keys[index] = table.identity().contend(rows.row()).toByteArray();
      }
      return rowDone(s, RowStatus.UNRESOLVED);
    }
    if (peeked == RowStatus.DUPLICATE) {
      s.flag = DUPLICATE;
      if (reserving != null) {
        reserving.flags[index] = DUPLICATE;
      }
      return rowDone(s, status == RowStatus.UNRESOLVED ? status : RowStatus.DUPLICATE);
    }
    if (!rows.keyHoldsCreatedId() && !rows.keyUsesPlaceholder()) { // the key is final: reserve it now
      if (reserving != null) {
        reserving.flags[index] = RESERVED;
        reserving.keys[index] = table.identity().reserve(rows.row()).toByteArray();
        s.flag = RESERVED;
      } else if (given == null) {
        s.flag = RESERVED;
      }
    }
    return rowDone(s, status);
  }

  /**
   * A built row that holds a pending key (RESERVED or CONTENDER), in a sweep where holders claim
   * their keys ({@link ResolveState#claimSweep}): WRITTEN when it is the key's first holder in the
   * sweep (always for a key only one row holds), else what the table's {@code on_duplicate} makes
   * of a duplicate (DUPLICATE, REJECTED with the problem set; {@code error} stops the run here).
   * Outside such sweeps WRITTEN: every holder counts while the drop sweeps decide which records stay.
   */
  private RowStatus settle(TableOutput table, RowBuilder rows, byte[] key, long line) {
    int sweep = state.claimSweep();
    if (sweep == 0) {
      return RowStatus.WRITTEN;
    }
    NaturalKey claimed = parkedKey(key);
    if (table.keyStates().claim(claimed, sweep)) {
      claimedIn.add(table.keyStates());
      claimedKeys.add(claimed);
      return RowStatus.WRITTEN;
    }
    RowStatus duplicate = table.identity().duplicate(rows.row(), problem);
    if (duplicate == RowStatus.FATAL) {
      throw new InputErrorException(sourceFile, line, table.name(), problem.column(), problem.reason());
    }
    return duplicate;
  }

  private static NaturalKey parkedKey(byte[] key) {
    return NaturalKey.of(NaturalKeyDecoder.decode(key, 0, key.length).toArray());
  }

  /**
   * Keeps a copy of a row the commit can write as it is, or once its placeholder ids are replaced
   * ({@link RowBuilder#replacePlaceholders}), so it is not built twice.
   */
  private static void keep(Slot s, RowBuilder rows, RowStatus status) {
    if (status != RowStatus.WRITTEN || rows.createsRows()) {
      return;
    }
    Object[] row = rows.row();
    if (s.values == null || s.values.length != row.length) {
      s.values = new Object[row.length];
    }
    System.arraycopy(row, 0, s.values, 0, row.length);
    s.hasValues = true;
    s.hasPlaceholders = rows.usesPlaceholder();
  }

  /** Records the row's status (and problem, when rejected); returns what the record's verdict needs. */
  private RowStatus rowDone(Slot s, RowStatus status) {
    s.status = status;
    if (status == RowStatus.REJECTED) {
      s.column = problem.column();
      s.rawValue = problem.rawValue();
      s.reason = problem.reason();
      return RowStatus.REJECTED;
    }
    if (status == RowStatus.FATAL) {
      throw new IllegalStateException("a FATAL row reached rowDone");
    }
    return status == RowStatus.UNRESOLVED ? RowStatus.UNRESOLVED : RowStatus.WRITTEN;
  }

  private Slot nextSlot(CompiledEmit emit, String element, int position) {
    if (slotCount == slots.size()) {
      slots.add(new Slot());
    }
    Slot s = slots.get(slotCount++);
    s.emit = emit;
    s.element = element;
    s.position = position;
    s.status = null;
    s.hasValues = false;
    s.hasPlaceholders = false;
    s.column = null;
    s.rawValue = null;
    s.reason = null;
    return s;
  }

  // ---- outcomes ----

  /**
   * For assertions (tests run with them): whether building the slot's row again, as the commit did
   * before placeholders were replaced in place, gives {@code row}. Only called where every
   * placeholder's key is written, so the build assigns nothing early and changes no id.
   */
  private boolean sameAsRebuilt(Slot s, IntFunction<String> fields, Object[] row) {
    RowBuilder rows = s.emit.rows();
    return build(s, fields) == RowStatus.WRITTEN && !rows.createsRows() && Arrays.equals(rows.row(), row);
  }

  /** Counts every row rejected and writes one rejects.csv line with every reason; returns that line. */
  private Rejection reject(long line) {
    countRejected();
    Rejection rejection = rejection();
    rejection.writeTo(rejects, sourceFile, line);
    return rejection;
  }

  /**
   * Remembers the keys of the rows of a record rejected while read (those its key columns' values
   * give, see {@link RowBuilder#keyOf}), with the record's file, line and reason, so that a ref to
   * such a key that no other row holds says the record was rejected ({@link KeyStates#rejected}).
   */
  private void rememberRejectedKeys(IntFunction<String> fields, long line, Rejection rejection) {
    String why = null;
    long at = -1;
    for (int i = 0; i < slotCount; i++) {
      Slot s = slots.get(i);
      TableOutput table = s.emit.table();
      if (s.flag == EMPTY || s.flag == DUPLICATE || table.ids() == null) {
        continue; // no row, a key another row has, or a table no ref can point at
      }
      if (s.position > 0) {
        s.emit.forEach().orElseThrow().position().at(s.position);
      }
      NaturalKey key = s.emit.rows().keyOf(fields, s.element, table.spec().keyOrdinals(), table.keys(), rejectedKey);
      if (key != null) {
        why = why != null ? why : sourceFile + " line " + line + ": " + rejection.reason();
        at = table.keyStates().rejected(key, why, at);
      }
    }
  }

  /** Counts every row of the checked record rejected in its table, and the record in its file. */
  private void countRejected() {
    for (int i = 0; i < slotCount; i++) {
      count(slots.get(i).emit.table(), RowStatus.REJECTED);
    }
    fileCounters.bucket(RowStatus.REJECTED);
  }

  /** The rejects.csv line of the checked record: its first rejected row, and every row's reason. */
  private Rejection rejection() {
    Slot first = null;
    StringBuilder reasons = new StringBuilder();
    int failed = 0;
    for (int i = 0; i < slotCount; i++) {
      if (slots.get(i).status == RowStatus.REJECTED) {
        failed++;
      }
    }
    for (int i = 0; i < slotCount; i++) {
      Slot s = slots.get(i);
      if (s.status != RowStatus.REJECTED) {
        continue;
      }
      if (first == null) {
        first = s;
      } else {
        reasons.append("; ");
      }
      if (failed > 1) {
        reasons.append(s.emit.table().name()).append(s.column == null ? "" : "." + s.column).append(": ");
      }
      reasons.append(s.reason);
    }
    if (first == null) {
      return new Rejection(null, null, null, "rejected: a row it references was dropped");
    }
    return new Rejection(first.emit.table().name(), first.column, first.rawValue, reasons.toString());
  }

  /** Parks the record: reserves its rows' new keys and stores it with their flags. */
  private void park(IntFunction<String> fields, long line) {
    ParkedRecords.Entry e = entry;
    e.state = ParkedRecords.UNDECIDED;
    e.fileIndex = fileIndex;
    e.line = line;
    e.slots(slotCount);
    boolean single = slotCount == 1;
    for (int i = 0; i < slotCount; i++) {
      Slot s = slots.get(i);
      e.flags[i] = s.flag;
      e.keys[i] = null;
      if (s.flag == LATER && s.emit.table().spec().hasKey()) {
        parked.unreservedKey();
      }
      if (s.flag == RESERVED || s.flag == CONTENDER) {
        RowBuilder rows = s.emit.rows();
        if (!single) {
          build(s, fields);
        }
        RowIdentity identity = s.emit.table().identity();
        e.keys[i] = (s.flag == RESERVED ? identity.reserve(rows.row()) : identity.contend(rows.row())).toByteArray();
      }
    }
    SourceRecord record = (SourceRecord) fields;
    if (e.fields.length != record.fieldCount()) {
      e.fields = new String[record.fieldCount()];
    }
    for (int i = 0; i < e.fields.length; i++) {
      e.fields[i] = record.value(i);
    }
    parked.append(e);
  }

  /** Writes the record's rows: rebuilt (unless it has one), rows created, claimed, written. */
  private void commit(IntFunction<String> fields, ParkedRecords.Entry given, long line) {
    state.scope().committing();
    boolean single = slotCount == 1;
    boolean anyWritten = false;
    boolean anyDuplicate = false;
    try {
      for (int i = 0; i < slotCount; i++) {
        Slot s = slots.get(i);
        TableOutput table = s.emit.table();
        if (s.status != RowStatus.WRITTEN) {
          count(table, s.status);
          anyDuplicate |= s.status == RowStatus.DUPLICATE;
          continue;
        }
        RowBuilder rows = s.emit.rows();
        Object[] row;
        RowStatus status = RowStatus.WRITTEN;
        if (single || s.hasValues && (!s.hasPlaceholders || rows.replacePlaceholders(s.values, state.scope()))) {
          row = single ? rows.row() : s.values;
          assert !s.hasPlaceholders || sameAsRebuilt(s, fields, row) : "a row with its placeholders replaced differs from it rebuilt";
        } else {
          status = build(s, fields); // it creates rows, or a placeholder's key is not written yet
          row = rows.row();
        }
        if (status == RowStatus.WRITTEN && row == rows.row() && rows.createsRows()) {
          status = rows.createRows(problem);
        }
        if (status == RowStatus.WRITTEN) {
          if (given != null && (s.flag == RESERVED || s.flag == CONTENDER)) {
            table.writeReserved(row);
          } else {
            status = table.write(row, problem);
          }
        }
        if (status != RowStatus.WRITTEN && status != RowStatus.DUPLICATE) {
          throw new IllegalStateException(sourceFile + " line " + line + ": table " + table.name() + ": a checked row "
              + "became " + status + " when written: " + problem.reason());
        }
        count(table, status);
        anyWritten |= status == RowStatus.WRITTEN;
        anyDuplicate |= status == RowStatus.DUPLICATE;
      }
    } catch (IdOverflow e) {
      throw new IdRangeException(sourceFile, line, e.table, e.column, e.id);
    }
    fileCounters.bucket(anyWritten ? RowStatus.WRITTEN : anyDuplicate ? RowStatus.DUPLICATE : RowStatus.SKIPPED);
  }

  private void count(TableOutput table, RowStatus status) {
    table.counters().row(status);
  }

  @Override
  public void malformed(MalformedRecord record) {
    fileCounters.record();
    fileCounters.bucket(RowStatus.REJECTED);
    for (TableOutput table : emitTables) {
      count(table, RowStatus.REJECTED);
    }
    String table = emitTables.size() == 1 ? emitTables.get(0).name() : null; // a whole record: no table when it has several
    rejects.write(sourceFile, record.line(), table, null, record.rawText(), record.reason());
  }
}
