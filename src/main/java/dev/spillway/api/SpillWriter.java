package dev.spillway.api;

import dev.spillway.spill.CodeSpiller;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records from code into a spill: the library's stage one. Made by {@link Spillway#spill};
 * each {@link #record} call is one record of a source fed from code ({@code name:} without
 * {@code file:}), processed exactly as a CSV record of that source would be: its emits run in
 * order, natural keys resolve to ids (refs may point forward, the record then waits for the end),
 * every row of the record is written or the record is rejected whole into rejects.csv, with the
 * source's name and the record's 1-based sequence number within the source where a file record
 * has its file and line.
 *
 * <p><b>Fields.</b> A source that reads {@code $name}s takes maps: field names play the role of a
 * CSV header's names; a name the map lacks is NULL; a name the source does not read is an
 * IllegalArgumentException naming it and the names read (a misspelt name is not a silent NULL). A
 * source that reads positions takes lists: {@code $1} is element 0; a list shorter than the highest
 * position read is rejected. Values: {@code null} is SQL NULL; a String is parsed as the CSV field
 * with that text would be; a {@code Long, Integer, Short, BigDecimal, Double, Float, Boolean,
 * LocalDate, LocalDateTime, OffsetDateTime, Instant, UUID} or {@code byte[]} is encoded straight by
 * the column's codec when its class fits the column type (a Long into bigint, an Instant into
 * timestamptz, ...), range checked as its text would be; otherwise its text form (ISO dates with a
 * space before the time, decimal numbers, bytea hex) is parsed as a CSV field. Any other class is
 * an IllegalArgumentException. Into {@code timestamptz}, a {@code LocalDateTime} and a String without
 * an offset are read as UTC (spill-format.md, section 2b), never in the JVM's or the server's time
 * zone: give an Instant or OffsetDateTime for a local time elsewhere. A value out of the column
 * type's range ({@code Instant.MAX}, a year past 294276) rejects its record, as its text would.
 *
 * <p><b>Ending.</b> {@link #finish} decides the records waiting for forward refs, seals every
 * segment, marks the spill complete and returns the counters. {@link #close} without
 * {@link #finish} (an exception inside try-with-resources) leaves the spill <i>open</i>: the load
 * refuses it, like a transaction that was not committed; its rejects and counters can be read.
 * A failure inside {@link #record} (more rejects than allowed, a ref with {@code missing: error}
 * to an unknown key, a disk error) ends the spill the same way and is thrown; a record built
 * wrongly (unknown source, a list for a source reading names, an unsupported class) is an
 * IllegalArgumentException that changes nothing.
 *
 * <p><b>Not thread-safe:</b> one thread writes a spill; the order of calls is the order of records
 * (ids follow first appearance).
 */
public final class SpillWriter implements AutoCloseable {
  private final CodeSpiller spiller;
  /** warnings heard while spilling, for the result. */
  private final List<String> warnings;

  SpillWriter(CodeSpiller spiller, List<String> warnings) {
    this.spiller = spiller;
    this.warnings = warnings;
  }

  /** One record of {@code source}, its fields by name. */
  public void record(String source, Map<String, ?> fields) {
    spiller.record(source, fields);
  }

  /** One record of {@code source}, its fields by position ({@code $1} is element 0). */
  public void record(String source, List<?> fields) {
    spiller.record(source, fields);
  }

  /** Records handed to {@code source} so far. */
  public long recordCount(String source) {
    return spiller.recordCount(source);
  }

  /**
   * Completes the spill and returns its counters; the writer takes no more records.
   *
   * @throws IllegalStateException when the spill has ended already (finished, closed or failed)
   */
  public SpillResult finish() {
    return Results.of(spiller.finish(), warnings);
  }

  /**
   * Ends the writer. After {@link #finish} it does nothing; otherwise the spill stays open and
   * unloadable (see the class comment). Throws only when cleaning up failed.
   */
  @Override
  public void close() {
    if (spiller.ended()) {
      return;
    }
    IllegalStateException abandoned = new IllegalStateException("spill closed without finish(): left open, unloadable");
    spiller.abort(abandoned);
    if (abandoned.getSuppressed().length > 0) {
      throw abandoned;
    }
  }

  @Override
  public String toString() {
    return "SpillWriter[" + (spiller.ended() ? "ended" : "open") + "]";
  }

  static SpillWriter of(CodeSpiller spiller, List<String> warnings) {
    return new SpillWriter(Objects.requireNonNull(spiller, "spiller"), warnings);
  }
}
