package dev.spillway.plan;

import java.util.Locale;

/** What stage one does with a second row carrying a natural key already seen in this run. */
public enum OnDuplicate {
  /** Keep the first row, count later ones as duplicates. The default. */
  FIRST,
  /** Later rows go to the rejects file. */
  REJECT,
  /** Stage one aborts. */
  ERROR;

  /** The spelling in a plan. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
