/**
 * Natural keys to stable bigint ids for stage one, off-heap and file-backed in Chronicle Map so the
 * heap stays flat however many keys a corpus has.
 *
 * <ul>
 *   <li>{@link dev.spillway.idmap.NaturalKey}: reusable, unambiguous byte encoding of composite keys
 *       (text, NULL and long parts), with {@link dev.spillway.idmap.NaturalKeyDecoder} to read it back;
 *   <li>{@link dev.spillway.idmap.IdMap}: key -> id for tables with an id column (assign, lookup,
 *       seed for incremental loads); {@link dev.spillway.idmap.KeySet}: dedup for link tables;
 *   <li>{@link dev.spillway.idmap.IdMaps}: opens them under the spill directory's {@code idmap/}.
 * </ul>
 *
 * <p>On disk, per table (see {@code MapFiles}, {@code MapCheckpoint}, {@code RehashingMap}):
 * <pre>
 *   idmap/                          0700
 *     STEM.meta                     0600  checkpoint: live generation, counters, state, CRC32C
 *     STEM.GGGGGG.cmap              0600  Chronicle Map 2026.1 data file of the live generation;
 *                                         keys are NaturalKey encodings, values 8-byte longs
 *     STEM.GGGGGG.keys              0600  or, for a map that closed with its keys on the heap, its
 *                                         entries in one sequential file (HeapSnapshot), turned
 *                                         into a Chronicle Map generation when reopened
 * </pre>
 * STEM is the sanitised table name plus 8 hex digits of its SHA-256. Only the live generation's
 * data file (or snapshot) exists once a map is closed; while a new map's keys fit its share of the run's
 * {@link dev.spillway.idmap.HeapBudget} they are on the heap and it has no data file yet. A map whose
 * checkpoint is not CLOSED is refused.
 *
 * <p>Chronicle Map needs, on Java 17: {@code --add-opens=java.base/java.lang=ALL-UNNAMED
 * --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
 * --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED}, and a JDK rather than a bare
 * JRE: it compiles generated classes at runtime through {@code jdk.compiler}.
 */
package dev.spillway.idmap;
