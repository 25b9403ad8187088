package dev.spillway.pg;

import java.util.OptionalLong;

/**
 * Progress rows of a spill whose target table is not the table they were loaded into any more
 * ({@link ProgressTable#stale}): the rows they count are gone with the old table.
 *
 * @param tableName   the target table as recorded ({@code "schema"."table"})
 * @param recordedOid the pg_class oid the table had when its segments were loaded
 * @param currentOid  the oid of the table by that name now, empty when there is none
 * @param segments    progress rows (segments recorded as loaded) on it
 * @param rows        rows those segments hold
 * @param emptied     the table is the one loaded into, but its storage changed since
 *                    (pg_relation_filenode) and it holds no row: emptied by TRUNCATE
 */
public record StaleProgress(String tableName, long recordedOid, OptionalLong currentOid, long segments, long rows,
    boolean emptied) {
  /** What happened to the table, for messages. */
  public String describe() {
    return emptied ? tableName + " is empty: it was emptied (TRUNCATE) after those segments were loaded"
        : currentOid.isEmpty() ? tableName + " no longer exists (it had oid " + recordedOid + ")"
        : tableName + " is another table now (oid " + currentOid.getAsLong() + ", loaded into oid " + recordedOid
            + ": dropped and created again)";
  }
}
