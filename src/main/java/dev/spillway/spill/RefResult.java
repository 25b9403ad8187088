package dev.spillway.spill;

/** What looking up a ref gave for the current row. */
enum RefResult {
  /** The key exists; {@link RefResolver#id()} holds its id. */
  FOUND,
  /** The key is missing and the ref says {@code missing: null}. */
  NULL,
  /** The key is missing and the ref says {@code missing: create}: {@link RefResolver#create()} once the row is kept. */
  CREATE,
  /** The key is missing and the ref says {@code missing: skip}. */
  SKIPPED,
  /** The key is missing ({@code missing: reject}) or a key part is invalid: the problem is set. */
  REJECTED,
  /** The key is missing and the ref says {@code missing: error}: the problem is set. */
  FATAL,
  /** While sources are read: the key is not known yet (or reserved by a parked row): decided after the last source. */
  UNRESOLVED
}
