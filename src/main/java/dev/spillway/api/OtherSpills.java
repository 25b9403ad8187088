package dev.spillway.api;

/**
 * What the load does when a target table holds rows another spill loaded ({@code --replace},
 * {@code --append}).
 */
public enum OtherSpills {
  /** Refuse to load, loading nothing (the default): loading the same data spilled again would double it. */
  REFUSE,
  /**
   * Empty every target table this spill has not loaded into yet, whatever it holds (another spill's
   * rows or rows from elsewhere; one TRUNCATE, before the first segment), and load this spill in
   * their place; each emptied table that held rows is a warning naming it and how many.
   */
  REPLACE,
  /** Add this spill's rows to the other spills' rows (an incremental spill of new rows). */
  APPEND
}
