package dev.spillway.spill;

import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.input.TypedFields;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.pgbinary.JavaValues;
import dev.spillway.plan.BoundValue;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Builds the rows of one compiled emit, by column ordinal, with everything resolved when the file
 * was bound: each text column's codec, each constant already parsed, each ref's resolver. The row
 * loop looks nothing up by name and allocates nothing for a good row.
 *
 * <p>Order, which decides the reject reason when a row has several problems: text values in
 * column order (the first invalid one rejects the row with its codec's reason); then refs in
 * column order (the first whose key is missing decides by its policy: reject, skip, error; with
 * {@code null} the column is NULL; while sources are read a key not known yet leaves the ref
 * undecided and the build answers UNRESOLVED, see {@link ResolveState}). Refs with
 * {@code missing: create} whose key is missing are
 * left pending by {@link #build}: the caller first asks the table whether it would keep the row
 * ({@link RowIdentity#peek}) and only then calls {@link #createRows}, so a row rejected, skipped
 * or dropped as a duplicate creates nothing. (Creating can itself reject the row, e.g. a created
 * key too long; rows created before that stay: rare, and never a dangling id.) The id column is
 * left for the table's {@link RowIdentity}. Single-threaded: the row array is reused.
 */
final class RowBuilder {
  /** Stands in a ref column whose row is created by {@link #createRows}: not NULL, never written. */
  private static final Long CREATED_LATER = 0L;
  /** Names by ordinal, for reject lines. */
  private final String[] columnNames;
  /** The row being built, by column ordinal. */
  private final Object[] row;
  private final int[] constantOrdinals;
  private final Object[] constants;
  private final int[] textOrdinals;
  private final BoundValue.Text[] texts;
  private final Codec[] textCodecs;
  /** Per text value: the record field it reads as it is ({@link BoundValue.Field}), else -1; typed records give it as a Java value. */
  private final int[] textFields;
  private final int[] refOrdinals;
  private final RefResolver[] refs;
  private final boolean[] refAsInteger;
  /** Per ref: whether its column is part of the table's natural key. */
  private final boolean[] refInKey;
  /**
   * Per ref: the id boxed last; {@link IdMap#ABSENT} (never an id) until then, so the row loop
   * tests one thing, whether or not anything was boxed yet.
   */
  private final long[] boxedIds;
  /** Per ref: the box of {@link #boxedIds}, reused while records keep referring to one row (one parent's children). */
  private final Object[] boxes;
  /** Results of the current row's ref lookups. */
  private final RefResult[] refResults;
  /** The last build left refs to create ({@link RefResult#CREATE}). */
  private boolean createsRows;
  /** One of those refs is in a key column: the row's key then holds an id no row had before. */
  private boolean keyHoldsCreatedId;
  /** The last build left a ref {@link RefResult#UNRESOLVED} in a column of the table's key. */
  private boolean keyUnresolved;
  /** The last build put a {@link RecordScope} placeholder id into the row. */
  private boolean usesPlaceholder;
  /** ... into a column of the table's natural key: the key is not known until the record is written. */
  private boolean keyUsesPlaceholder;

  RowBuilder(String[] columnNames, int[] constantOrdinals, Object[] constants, int[] textOrdinals,
      BoundValue.Text[] texts, Codec[] textCodecs, int[] refOrdinals, RefResolver[] refs, boolean[] refAsInteger,
      boolean[] refInKey) {
    this.columnNames = columnNames.clone();
    this.row = new Object[columnNames.length];
    this.constantOrdinals = constantOrdinals.clone();
    this.constants = constants.clone();
    this.textOrdinals = textOrdinals.clone();
    this.texts = texts.clone();
    this.textCodecs = textCodecs.clone();
    this.textFields = new int[texts.length];
    for (int i = 0; i < texts.length; i++) {
      textFields[i] = texts[i] instanceof BoundValue.Field f ? f.index() : -1;
    }
    this.refOrdinals = refOrdinals.clone();
    this.refs = refs.clone();
    this.refAsInteger = refAsInteger.clone();
    this.refInKey = refInKey.clone();
    this.refResults = new RefResult[refs.length];
    this.boxedIds = new long[refs.length];
    Arrays.fill(boxedIds, IdMap.ABSENT);
    this.boxes = new Object[refs.length];
  }

  /** The row built by the last {@link #build} that returned WRITTEN; valid until the next build. */
  Object[] row() {
    return row;
  }

  /** Whether the last {@link #build} that returned WRITTEN left rows to create before the row is complete. */
  boolean createsRows() {
    return createsRows;
  }

  /** Whether one of those rows' ids goes into a column of the table's natural key. */
  boolean keyHoldsCreatedId() {
    return keyHoldsCreatedId;
  }

  /** Whether the last build that returned UNRESOLVED left a key column undecided (the key is not known). */
  boolean keyUnresolved() {
    return keyUnresolved;
  }

  /** Whether the last build used an id of a row of the same record not claimed yet: the row must be rebuilt to be written. */
  boolean usesPlaceholder() {
    return usesPlaceholder;
  }

  /** Whether a placeholder id went into a column of the table's natural key (the key itself is not final). */
  boolean keyUsesPlaceholder() {
    return keyUsesPlaceholder;
  }

  /** Whether the row has refs whose ids it must create ({@code missing: create}) or look up again when rebuilt. */
  boolean hasRefs() {
    return refs.length > 0;
  }

  /**
   * Builds the row for one record (and for_each element, or null). Returns WRITTEN when the row is
   * complete but for the rows its refs create ({@link #createsRows()}; then {@link #createRows}
   * completes it) and still to be claimed by its table; UNRESOLVED when every value is valid but a
   * ref is not decided yet (see {@link RefResult#UNRESOLVED}; the other refs were checked); else
   * SKIPPED, REJECTED or FATAL with {@code problem} set (column named) for the last two.
   */
  RowStatus build(IntFunction<String> fields, String element, RowProblem problem) {
    problem.clear();
    createsRows = false;
    keyHoldsCreatedId = false;
    keyUnresolved = false;
    usesPlaceholder = false;
    keyUsesPlaceholder = false;
    boolean unresolved = false;
    for (int i = 0; i < constantOrdinals.length; i++) {
      row[constantOrdinals[i]] = constants[i];
    }
    TypedFields typed = fields instanceof TypedFields t ? t : null;
    for (int i = 0; i < textOrdinals.length; i++) {
      String raw = null;
      try {
        if (typed != null && textFields[i] >= 0 && setTyped(i, typed.typed(textFields[i]))) {
          continue;
        }
        raw = texts[i].text(fields, element); // a plan function may refuse its input, too
        row[textOrdinals[i]] = raw == null ? null : textCodecs[i].parse(raw);
      } catch (InvalidValueException e) {
        // what the failing step refused: a plan function's input, else the text the codec parsed (a typed value's text form)
        String shown = e.value() != null ? e.value()
            : raw == null && typed != null && textFields[i] >= 0 ? fields.apply(textFields[i]) : raw;
        return problem.set(RowStatus.REJECTED, columnNames[textOrdinals[i]], shown, e.reason());
      }
    }
    boolean anyCreate = false;
    for (int i = 0; i < refs.length; i++) {
      RefResult result = refs[i].lookup(fields, element, problem);
      refResults[i] = result;
      switch (result) {
        case FOUND -> {
          RowStatus status = setId(i, refs[i].id(), problem);
          if (status != RowStatus.WRITTEN) {
            return status;
          }
        }
        case NULL -> row[refOrdinals[i]] = null;
        case CREATE -> {
          if (refAsInteger[i] && !refs[i].nextCreatedIdFitsInteger()) {
            return problem.set(RowStatus.REJECTED, columnNames[refOrdinals[i]], refs[i].describe(),
                "integer out of range: the id " + refs[i].nextCreatedId() + " a missing: create would give does not fit");
          }
          anyCreate = true;
          keyHoldsCreatedId |= refInKey[i];
          row[refOrdinals[i]] = CREATED_LATER;
        }
        case SKIPPED -> {
          return RowStatus.SKIPPED;
        }
        case REJECTED, FATAL -> {
          problem.inColumn(columnNames[refOrdinals[i]]);
          return result == RefResult.REJECTED ? RowStatus.REJECTED : RowStatus.FATAL;
        }
        case UNRESOLVED -> {
          row[refOrdinals[i]] = null;
          unresolved = true;
          keyUnresolved |= refInKey[i];
        }
      }
    }
    createsRows = anyCreate;
    return unresolved ? RowStatus.UNRESOLVED : RowStatus.WRITTEN;
  }

  /**
   * The natural key of this emit's row for a record, from the key columns' text values and
   * constants alone, for a row that may not build (its record is rejected: refs to the key then say
   * so): encoded into {@code into} by {@code keys}; null when a key column is a ref, NULL or
   * invalid, or the key too long. Leaves {@link #row()} as it was.
   */
  dev.spillway.idmap.NaturalKey keyOf(IntFunction<String> fields, String element, int[] keyOrdinals, KeyEncoder keys,
      dev.spillway.idmap.NaturalKey into) {
    into.clear();
    TypedFields typed = fields instanceof TypedFields t ? t : null;
    for (int part = 0; part < keyOrdinals.length; part++) {
      Object value = null;
      for (int i = 0; i < constantOrdinals.length; i++) {
        if (constantOrdinals[i] == keyOrdinals[part]) {
          value = constants[i];
        }
      }
      for (int i = 0; i < textOrdinals.length; i++) {
        if (textOrdinals[i] != keyOrdinals[part]) {
          continue;
        }
        try {
          Object given = typed != null && textFields[i] >= 0 ? typed.typed(textFields[i]) : null;
          value = given == null || given instanceof String ? null : JavaValues.toColumnValue(textCodecs[i], given);
          if (value == null) {
            String raw = texts[i].text(fields, element);
            value = raw == null ? null : textCodecs[i].parse(raw);
          }
        } catch (InvalidValueException e) {
          return null;
        }
      }
      if (value == null) {
        return null;
      }
      try {
        keys.addPart(into, part, value);
      } catch (KeyTooLongException e) {
        return null;
      }
    }
    return into;
  }

  /**
   * Replaces the placeholder ids ({@link RecordScope}) in {@code row}, a copy of a row this builder
   * built, by the ids of the keys they stand for, as building the row again while the record is
   * written would give them; false (the row is then partly replaced: build it again) when a key's id
   * is not known yet ({@link RecordScope#committedId}) or does not fit its integer column.
   */
  boolean replacePlaceholders(Object[] row, RecordScope scope) {
    for (int i = 0; i < refs.length; i++) {
      if (row[refOrdinals[i]] instanceof Long id && RecordScope.isPlaceholder(id)) {
        long real = scope.committedId(id);
        Object value = real == IdMap.ABSENT ? null : IdValues.box(real, refAsInteger[i]);
        if (value == null) {
          return false;
        }
        row[refOrdinals[i]] = value;
      }
    }
    return true;
  }

  /**
   * Puts a Java value handed in by code straight into text value {@code i}'s column when its class
   * fits the column type ({@link JavaValues}); false when it is a String, NULL or does not fit (then
   * its text form is parsed). Throws InvalidValueException when it fits but is out of range.
   */
  private boolean setTyped(int i, Object value) {
    if (value == null || value instanceof String) {
      return false;
    }
    Object columnValue = JavaValues.toColumnValue(textCodecs[i], value);
    if (columnValue == null) {
      return false;
    }
    row[textOrdinals[i]] = columnValue;
    return true;
  }

  /** Creates the rows the last build left pending, nested ones first, and puts their ids into the row. */
  RowStatus createRows(RowProblem problem) {
    createsRows = false;
    for (int i = 0; i < refs.length; i++) {
      if (refResults[i] != RefResult.CREATE) {
        continue;
      }
      long id;
      try {
        id = refs[i].create();
      } catch (KeyTooLongException e) {
        return problem.set(RowStatus.REJECTED, columnNames[refOrdinals[i]], refs[i].describe(), e.getMessage());
      }
      RowStatus status = setId(i, id, problem);
      if (status != RowStatus.WRITTEN) {
        return status;
      }
    }
    return RowStatus.WRITTEN;
  }

  private RowStatus setId(int ref, long id, RowProblem problem) {
    if (RecordScope.isPlaceholder(id)) {
      usesPlaceholder = true;
      keyUsesPlaceholder |= refInKey[ref];
      row[refOrdinals[ref]] = id; // only checked, never written: see RecordScope
      return RowStatus.WRITTEN;
    }
    Object value = boxedIds[ref] == id ? boxes[ref] : box(ref, id);
    if (value == null) {
      return problem.set(RowStatus.REJECTED, columnNames[refOrdinals[ref]], Long.toString(id), "integer out of range");
    }
    row[refOrdinals[ref]] = value;
    return RowStatus.WRITTEN;
  }

  /** The id boxed for ref {@code ref}'s column (null when it does not fit), remembered for the next row. */
  private Object box(int ref, long id) {
    Object value = IdValues.box(id, refAsInteger[ref]);
    boxes[ref] = value;
    boxedIds[ref] = id;
    return value;
  }
}
