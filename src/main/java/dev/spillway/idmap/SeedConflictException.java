package dev.spillway.idmap;

import java.nio.file.Path;

/**
 * Two rows of the database seeded one natural key with different ids ({@link IdMap#seed}): the
 * table holds the key twice, as the key columns' types compare it (e.g. {@code 100.50} and
 * {@code 100.5} in a {@code numeric} column without a unique index). Carries both ids.
 */
public final class SeedConflictException extends IdMapException {
  private final long id;
  private final long earlierId;

  public SeedConflictException(String table, Path file, NaturalKey key, long id, long earlierId) {
    super(table, file, "key " + key + " seeded with id " + id + " but already seeded with id " + earlierId);
    this.id = id;
    this.earlierId = earlierId;
  }

  /** The id of the row seeded second. */
  public long id() {
    return id;
  }

  /** The id the key was seeded with first. */
  public long earlierId() {
    return earlierId;
  }
}
