package dev.spillway.load;

/**
 * What a load does when another spill's rows are already in a target table this spill has not
 * loaded into yet (found by {@link dev.spillway.pg.TargetChecks#otherSpills}): typically a
 * re-spill ({@code spill --force}, {@code run --force}) of data partly or fully loaded before.
 */
public enum OtherSpillsMode {
  /** Refuse before anything is loaded, naming the other spill (the default). */
  REFUSE,
  /**
   * Empty the target tables this spill has not loaded into yet, whatever they hold, then load
   * ({@code --replace}); a warning names each table that held rows and how many.
   */
  REPLACE,
  /** Add this spill's rows to what is there ({@code --append}; an incremental spill does this). */
  APPEND
}
