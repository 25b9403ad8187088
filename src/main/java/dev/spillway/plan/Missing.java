package dev.spillway.plan;

import java.util.Locale;

/** What a {@link ValueExpr.Ref} does when no row of the referenced table has the natural key. */
public enum Missing {
  /** The row goes to the rejects file ({@code missing ref package[foo]}). The default. */
  REJECT,
  /** The row is dropped and counted as skipped. */
  SKIP,
  /** The column is set to NULL. */
  NULL,
  /** The referenced row is created from the key values (its other columns NULL) and its new id used. */
  CREATE,
  /** Stage one aborts. */
  ERROR;

  /** The spelling in a plan: {@code reject}, {@code skip}, ... */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
