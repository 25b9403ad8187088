package dev.spillway.api;

import dev.spillway.plan.Missing;
import dev.spillway.spill.KeyText;

/**
 * A ref of a row waiting for its flush: the referenced table, its key parts (typed values, SQL NULL,
 * or nested {@code PendingRef}s) and the plan's {@code missing:} policy. The flush decides it
 * ({@link Outcome}) and, once ids are known, puts the id into the row. Mutable by the flush only.
 */
final class PendingRef {
  /** What a ref came to. */
  enum Outcome { FOUND, NULL, CREATE, SKIP, REJECT }

  final LiveTable table;
  /** Typed key parts (null = NULL) or nested PendingRefs, in key order. */
  final Object[] parts;
  final Missing missing;
  /** Where the ref is in the plan, for messages. */
  final String yamlPath;
  /** The key with nested refs as their keys; null when a part is NULL. Fixed when built. */
  final KeyRef key;
  /** The last decision of the flush. */
  Outcome outcome;

  PendingRef(LiveTable table, Object[] parts, Missing missing, String yamlPath) {
    this.table = table;
    this.parts = parts.clone();
    this.missing = missing;
    this.yamlPath = yamlPath;
    this.key = structuralKey();
  }

  private KeyRef structuralKey() {
    Object[] keyParts = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Object p = parts[i] instanceof PendingRef nested ? nested.key : parts[i];
      if (p == null) {
        return null;
      }
      keyParts[i] = p;
    }
    return new KeyRef(table, java.util.Arrays.asList(keyParts));
  }

  /** Whether every key part is the empty string: {@code missing: create} then acts as {@code null}. */
  boolean allPartsEmpty() {
    for (Object p : parts) {
      if (!"".equals(p)) {
        return false;
      }
    }
    return parts.length > 0;
  }

  /** {@code package['foo']} for messages, as stage one shows keys ({@link KeyText}); a NULL part shows as NULL. */
  String describe() {
    StringBuilder s = new StringBuilder(table.name()).append('[');
    for (int i = 0; i < parts.length; i++) {
      Object p = parts[i];
      s.append(i == 0 ? "" : ", ").append(p instanceof PendingRef nested ? nested.describe()
          : KeyText.quote(p == null ? null : table.keyCodec(i).format(p)));
    }
    return s.append(']').toString();
  }
}
