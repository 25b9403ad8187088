package dev.spillway.load;

import dev.spillway.pg.PgException;
import dev.spillway.pg.StaleProgress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The progress table says segments of the spill were loaded into a table that is gone or was
 * dropped and created again: resuming would skip segments whose rows are no longer there. Refused
 * before anything is loaded or created; the message names each table and the {@code DELETE} that
 * resets its progress so the next load loads it again. Exit code 5.
 */
public final class StaleProgressException extends PgException {
  private final List<StaleProgress> stale;

  StaleProgressException(String spillDirectory, String spillId, List<StaleProgress> stale, List<String> resetSql) {
    super("spill " + spillId + " (" + spillDirectory + ") is recorded as loaded into tables that are not there any more: "
        + stale.stream().map(s -> s.describe() + ", " + s.segments() + " segments (" + s.rows() + " rows) recorded as loaded")
            .collect(Collectors.joining("; "))
        + ". Those rows are gone; nothing was loaded. To load them again, reset their progress: "
        + String.join("; ", resetSql) + ";");
    this.stale = List.copyOf(stale);
  }

  public List<StaleProgress> stale() {
    return stale;
  }
}
