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
 * @param deferredPending  keys, indexes and foreign keys not yet built: dropped by --defer-indexes,
 *                         or left by --create-tables for after the data
 * @param pending          those objects, one entry each: kind and name, e.g. {@code key "t_pkey"},
 *                         in the order they are built
 */
public record TableStatus(String table, String target, long segmentsLoaded, long segmentsTotal, long rowsLoaded,
    long rowsTotal, long bytesLoaded, long bytesTotal, int deferredPending, java.util.List<String> pending) {

  public TableStatus {
    pending = java.util.List.copyOf(pending);
  }

  public boolean complete() {
    return segmentsLoaded == segmentsTotal && deferredPending == 0;
  }
}
