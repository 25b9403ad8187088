package dev.spillway.idmap;

/**
 * The result of {@link IdMap#assign}: the key's id and whether this call created it (the key's
 * first appearance, so the caller emits the row) or found it (a duplicate, or a seeded key).
 */
public record Assignment(long id, boolean isNew) {}
