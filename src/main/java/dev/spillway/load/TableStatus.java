package dev.spillway.load;

/**
 * One table's load progress as the progress table records it.
 *
 * @param table            the table's name (as in the manifest)
 * @param target           the table loaded into, quoted
 * @param segmentsLoaded   segments recorded as committed
 * @param segmentsTotal    segments in the manifest
 * @param rowsLoaded       rows of the committed segments
 * @param rowsTotal        rows in the manifest
 * @param bytesLoaded      bytes of the committed segments
 * @param bytesTotal       bytes in the manifest
 * @param deferredPending  indexes and foreign keys dropped by --defer-indexes and not yet restored
 */
public record TableStatus(String table, String target, long segmentsLoaded, long segmentsTotal, long rowsLoaded,
    long rowsTotal, long bytesLoaded, long bytesTotal, int deferredPending) {

  public boolean complete() {
    return segmentsLoaded == segmentsTotal && deferredPending == 0;
  }
}
