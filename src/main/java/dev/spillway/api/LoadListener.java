package dev.spillway.api;

/**
 * Hears how a load advances. Calls come from the thread that called {@link Spillway#load}, in
 * this order: {@link #started} once, {@link #segmentLoaded} per committed segment (in commit order,
 * whatever {@code jobs}: with more than one job that order varies from run to run), {@link #finished}
 * once on success. {@link #warning} may come at any point, also from a loading thread (a shared
 * load waiting for a claim): the load is about to wait, or did something on its own. Every method
 * does nothing by default; a listener should return quickly, not throw, and be thread-safe for
 * {@code warning}.
 */
public interface LoadListener {
  /** Hears nothing. */
  LoadListener NONE = new LoadListener() {};

  /**
   * The load starts.
   *
   * @param spillId       the spill being loaded
   * @param segments      segments this run will load
   * @param rows          rows in them
   * @param bytes         bytes in them
   * @param alreadyLoaded segments an earlier run loaded, skipped now
   */
  default void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

  /** One segment of {@code table}, {@code rows} rows and {@code bytes} bytes, is committed with its progress row. */
  default void segmentLoaded(String table, long rows, long bytes) {}

  /** Something the caller should know (one line, no prefix). */
  default void warning(String message) {}

  /** Every segment is loaded and durable. */
  default void finished() {}
}
