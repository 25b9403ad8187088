/**
 * Stage two: loads a sealed spill directory into PostgreSQL with binary COPY, each segment in one
 * transaction together with its progress row, so a load that crashes, is killed or loses its
 * connection resumes exactly where it stopped, with no row lost and none duplicated.
 *
 * <p>Entry points: {@link dev.spillway.load.Loader} (configured by {@link dev.spillway.load.LoadOptions},
 * reporting to a {@link dev.spillway.load.LoadProgress}, returning a
 * {@link dev.spillway.load.LoadSummary}) and {@link dev.spillway.load.LoadStatus}.
 *
 * <p>Reads spill directories through {@code dev.spillway.segment} and talks to the database
 * through {@code dev.spillway.pg}; never imports {@code input}, {@code idmap} or {@code spill}, so
 * it is testable from spill files alone. Every spill file is untrusted: a segment is verified
 * against the manifest just before it is streamed, and its CRC32C is checked again while streaming.
 */
package dev.spillway.load;
