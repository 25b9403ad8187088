package dev.spillway.plan;

import dev.spillway.pgbinary.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table as parsed, before the whole plan is known to be valid: a column whose type did not parse
 * is kept with a null type so later checks still know the name. Mutable, parse-time only.
 */
final class TableDraft {
  final String name;
  /** column -> type, declaration order; the type is null when it did not parse. */
  final Map<String, ColumnType> columns = new LinkedHashMap<>();
  /** false when {@code columns:} is missing or malformed: then names are not checked against it. */
  boolean columnsKnown;
  /** the id column, or null; always a column of this table. */
  String idColumn;
  /** key columns that exist, in key order. */
  final List<String> key = new ArrayList<>();
  OnDuplicate onDuplicate = OnDuplicate.FIRST;
  OnExisting onExisting = OnExisting.SKIP;
  /** not_null columns that exist, in order. */
  final List<String> notNull = new ArrayList<>();
  /** defaults of columns that exist: column -> text. */
  final Map<String, String> defaults = new LinkedHashMap<>();

  /** {@code distribute_by:}, a column of this table, or null. */
  String distributeBy;
  /** {@code reference: true}. */
  boolean reference;
  /** {@code distribute_by} or {@code reference} was reported invalid: the Citus rules leave the table out. */
  boolean distributionInvalid;

  TableDraft(String name) {
    this.name = name;
  }

  boolean hasKey() {
    return !key.isEmpty();
  }

  TableSpec toSpec(Map<String, String> references) {
    List<ColumnSpec> specs = new ArrayList<>();
    columns.forEach((column, type) -> specs.add(new ColumnSpec(column, type)));
    return new TableSpec(name, specs, Optional.ofNullable(idColumn), key, onDuplicate, onExisting, references, notNull, defaults,
        new Distribution(Optional.ofNullable(distributeBy), reference));
  }
}
