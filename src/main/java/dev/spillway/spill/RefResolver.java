package dev.spillway.spill;

import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.plan.BoundValue;
import dev.spillway.plan.Missing;
import java.util.function.IntFunction;

/**
 * Resolves one ref of a compiled emit ({@code {ref: T, key: [...], missing: ...}}) to the id of T's
 * row with that natural key, for one row at a time. Built once per input file; holds per-row state
 * (the key parts of the current row), so each ref position, nested ones included, has its own.
 *
 * <p>Key parts: a text part is parsed by T's key column codec (so an invalid part is rejected with
 * that codec's reason) and encoded by T's {@link KeyEncoder}; a constant part was parsed by the
 * same codec once, when the file was compiled; a nested ref contributes its id. A
 * nested ref that is missing decides for the whole ref when its policy is skip, reject or error;
 * with {@code null} the part is NULL; with {@code create} this ref's key cannot exist yet, so this
 * ref's own policy applies.
 *
 * <p>Creation is two-phase: {@link #lookup} only reads the id map and answers
 * {@link RefResult#CREATE}; {@link #create()} is called once the whole row is known to be kept (no
 * other column rejected or skipped it, and its table would not drop it as a duplicate or reject its
 * key: see {@link RecordProcessor}), which creates the nested rows first, then this one. So a
 * rejected, skipped or duplicate row creates nothing. Whether a key is known depends on the pass
 * ({@link ResolveState}): while sources are read, a key not known yet leaves the ref
 * {@link RefResult#UNRESOLVED} (unless {@code missing: create}); the policies decide in the
 * resolution pass, after every source was read. Single-threaded.
 */
final class RefResolver {
  /**
   * One key part, compiled: a text expression (parsed per row), a constant (parsed once, at
   * compile time) or a nested ref. Immutable.
   *
   * @param text        the expression, or null
   * @param constantRaw a constant's text (null for a NULL constant or when not a constant)
   * @param constant    a constant's value typed for the key column (null for NULL)
   * @param isConstant  whether this part is a constant
   * @param nested      the nested ref, or null
   */
  record Part(BoundValue.Text text, String constantRaw, Object constant, boolean isConstant, RefResolver nested) {
    static Part text(BoundValue.Text text) {
      return new Part(text, null, null, false, null);
    }

    static Part constant(String raw, Object value) {
      return new Part(null, raw, value, true, null);
    }

    static Part nested(RefResolver nested) {
      return new Part(null, null, null, false, nested);
    }
  }

  private final TableOutput target;
  private final KeyEncoder keys;
  private final IdMap ids;
  private final Missing missing;
  /** Per key part: the text expression, or null where the part is a constant or a nested ref. */
  private final BoundValue.Text[] textParts;
  /** Per key part: whether it is a constant (then its value and text below). */
  private final boolean[] constantPart;
  /** Per key part: a constant's value, typed for T's key column (null for NULL or not a constant). */
  private final Object[] constantValues;
  /** Per key part: a constant's text (null for NULL or not a constant). */
  private final String[] constantTexts;
  /** Per key part: the nested ref, or null where the part is text or a constant. */
  private final RefResolver[] nested;
  /** Per key part: whether a nested ref's id goes into an integer key column. */
  private final boolean[] nestedAsInteger;
  /** The key of the current row; reused. */
  private final NaturalKey key = new NaturalKey();
  /** The current row's key part values, typed for T's key columns (null for NULL). */
  private final Object[] partValues;
  /** The current row's raw text parts, for messages. */
  private final String[] rawParts;
  /** Which nested parts await creation in the current row. */
  private final boolean[] pending;
  /** The id found by the last lookup, or made by the last create. */
  private long id;

  RefResolver(TableOutput target, Missing missing, Part[] parts) {
    this.target = target;
    this.keys = target.keys();
    this.ids = target.ids();
    this.missing = missing;
    int n = parts.length;
    this.textParts = new BoundValue.Text[n];
    this.constantPart = new boolean[n];
    this.constantValues = new Object[n];
    this.constantTexts = new String[n];
    this.nested = new RefResolver[n];
    this.nestedAsInteger = new boolean[n];
    int[] keyOrdinals = target.spec().keyOrdinals();
    for (int i = 0; i < n; i++) {
      textParts[i] = parts[i].text();
      constantPart[i] = parts[i].isConstant();
      constantValues[i] = parts[i].constant();
      constantTexts[i] = parts[i].constantRaw();
      nested[i] = parts[i].nested();
      nestedAsInteger[i] = IdValues.asInteger(target.spec().columns().get(keyOrdinals[i]));
    }
    this.partValues = new Object[n];
    this.rawParts = new String[n];
    this.pending = new boolean[n];
  }

  /**
   * Looks the current row's key up; see {@link RefResult} and, for keys not known (yet),
   * {@link ResolveState}. A key with a NULL part gives NULL whatever the policy: no row has such a
   * key (a row whose key has a NULL part is rejected, as NOT NULL key columns would), so the ref
   * is no reference, as a NULL foreign key is in SQL. A {@code missing: create} ref whose key parts
   * are all empty strings acts as {@code missing: null}: it never creates a row without a key.
   * Sets {@code problem} for REJECTED and FATAL.
   */
  RefResult lookup(IntFunction<String> fields, String element, RowProblem problem) {
    boolean anyPending = false;
    boolean anyNull = false;
    boolean allEmpty = true;
    for (int i = 0; i < partValues.length; i++) {
      pending[i] = false;
      if (constantPart[i]) {
        rawParts[i] = constantTexts[i];
        partValues[i] = constantValues[i];
        anyNull |= partValues[i] == null;
        allEmpty &= "".equals(rawParts[i]);
        continue;
      }
      if (textParts[i] != null) {
        String raw = null;
        try {
          raw = textParts[i].text(fields, element); // a plan function may refuse its input, too
          rawParts[i] = raw;
          anyNull |= raw == null;
          allEmpty &= "".equals(raw);
          partValues[i] = raw == null ? null : keys.codec(i).parse(raw);
        } catch (InvalidValueException e) {
          problem.set(RowStatus.REJECTED, null, e.value() != null ? e.value() : raw, e.reason() + " (key of "
              + target.name() + ")");
          return RefResult.REJECTED;
        }
        continue;
      }
      allEmpty = false;
      RefResult part = nested[i].lookup(fields, element, problem);
      switch (part) {
        case FOUND -> {
          partValues[i] = RecordScope.isPlaceholder(nested[i].id) ? (Object) nested[i].id
              : IdValues.box(nested[i].id, nestedAsInteger[i]);
          if (partValues[i] == null) {
            problem.set(RowStatus.REJECTED, null, Long.toString(nested[i].id), "integer out of range (key of "
                + target.name() + ")");
            return RefResult.REJECTED;
          }
        }
        case NULL -> {
          partValues[i] = null;
          anyNull = true;
        }
        case CREATE -> {
          long next = nested[i].target.ids().nextId();
          if (nestedAsInteger[i] && IdValues.box(next, true) == null) {
            problem.set(RowStatus.REJECTED, null, nested[i].describe(), "integer out of range: the id " + next
                + " a missing: create of " + nested[i].target.name() + " would get does not fit integer key column "
                + target.spec().key().get(i) + " of " + target.name());
            return RefResult.REJECTED;
          }
          pending[i] = true;
          anyPending = true;
          partValues[i] = Long.MIN_VALUE; // the longest encoding: checks below that the created key fits
        }
        default -> {
          return part;
        }
      }
    }
    if (anyNull) {
      return RefResult.NULL; // no row has a NULL key part: like a NULL foreign key, no reference
    }
    // missing: create never makes a row from an empty key: such a ref is missing: null
    Missing policy = missing == Missing.CREATE && allEmpty ? Missing.NULL : missing;
    try {
      encodeKey();
    } catch (KeyTooLongException e) {
      problem.set(RowStatus.REJECTED, null, rawKey(), e.getMessage() + " (key of " + target.name() + ")");
      return RefResult.REJECTED;
    }
    if (anyPending) {
      return whenMissing(policy, problem); // the key holds an id not created yet: no row has it
    }
    return find(policy, problem);
  }

  /** The id of the encoded key, as the current pass knows it (see {@link ResolveState}). */
  private RefResult find(Missing policy, RowProblem problem) {
    KeyStates states = target.keyStates();
    ResolveState.Mode mode = states.mode();
    id = ids.lookup(key);
    if (id != IdMap.ABSENT) {
      if (mode == ResolveState.Mode.READ) {
        return states.isPending(key) ? RefResult.UNRESOLVED : RefResult.FOUND;
      }
      boolean known = mode == ResolveState.Mode.CHECK || id < states.decideMark() || policy == Missing.CREATE;
      if (known && !states.isLost(key)) {
        return RefResult.FOUND;
      }
    }
    RecordScope scope = states.scope();
    long local = scope.lookup(target, key);
    if (local != IdMap.ABSENT) {
      if (id == IdMap.ABSENT) {
        // claimed by another row of this record, not written yet: a placeholder while checking, the
        // real id (assigned now) while writing
        id = scope.isCommitting() ? scope.assignEarly(target, key) : local;
      }
      return RefResult.FOUND;
    }
    return whenMissing(policy, problem);
  }
  /** The id a {@link #create()} would give this ref's row now. */
  long nextCreatedId() {
    return target.ids().nextId();
  }

  /** Whether {@link #nextCreatedId()} fits an integer column. */
  boolean nextCreatedIdFitsInteger() {
    return IdValues.box(nextCreatedId(), true) != null;
  }

  /** The id of the last {@link RefResult#FOUND} lookup or of {@link #create()}. */
  long id() {
    return id;
  }

  /**
   * Creates the row the last lookup found missing ({@link RefResult#CREATE}), nested rows first,
   * and returns its id. Throws {@link KeyTooLongException} when the key cannot be stored.
   */
  long create() {
    for (int i = 0; i < partValues.length; i++) {
      if (pending[i]) {
        long created = nested[i].create();
        partValues[i] = IdValues.box(created, nestedAsInteger[i]);
        if (partValues[i] == null) { // lookup checked the next id fits; only several creates in one record get here
          throw new IdOverflow(target.name(), target.spec().key().get(i), created);
        }
      }
    }
    encodeKey();
    id = target.create(key, partValues);
    return id;
  }

  private void encodeKey() {
    key.clear();
    for (int i = 0; i < partValues.length; i++) {
      keys.addPart(key, i, partValues[i]);
    }
  }

  private RefResult whenMissing(Missing policy, RowProblem problem) {
    if (target.keyStates().mode() == ResolveState.Mode.READ && policy != Missing.CREATE) {
      return RefResult.UNRESOLVED; // the key may still come: decided after the last source
    }
    return switch (policy) {
      case NULL -> RefResult.NULL;
      case CREATE -> RefResult.CREATE;
      case SKIP -> RefResult.SKIPPED;
      case REJECT -> {
        problem.set(RowStatus.REJECTED, null, rawKey(), missingReason());
        yield RefResult.REJECTED;
      }
      case ERROR -> {
        problem.set(RowStatus.FATAL, null, rawKey(), missingReason() + " (missing: error)");
        yield RefResult.FATAL;
      }
    };
  }

  /**
   * Why the ref's key is missing: {@code missing ref package['foo']}, or, when rows with that key
   * were rejected, {@code package['foo'] was rejected (file line N: its reason)}.
   */
  private String missingReason() {
    String rejected = target.keyStates().whyRejected(key);
    return rejected == null ? "missing ref " + describe() : describe() + " was rejected (" + rejected + ")";
  }

  /**
   * {@code package['foo']}; a nested ref is shown by its own input key, not by the id it resolved to:
   * {@code release[project['pypi', 'bar'], '2.0']}. Valid after {@link #lookup} reached every part.
   */
  String describe() {
    return KeyText.describe(target.name(), quotedKey());
  }

  /** The key parts as read, quoted ({@link KeyText}), nested refs described, joined by ", ". */
  private String quotedKey() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rawParts.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(nested[i] == null ? KeyText.quote(rawParts[i]) : nested[i].describe());
    }
    return s.toString();
  }

  /** The raw value a reject shows for the ref: its one text part as read, else every part as {@link #quotedKey}. */
  private String rawKey() {
    return rawParts.length == 1 && nested[0] == null ? rawParts[0] : quotedKey();
  }
}
