package dev.spillway.load;

/**
 * Hears how a load advances, for a progress display. All calls come from the thread that runs
 * {@link Loader#load}, in this order: {@link #started} once, {@link #segmentLoaded} per committed
 * segment, {@link #close} once at the end (also after a failure).
 */
public interface LoadProgress extends AutoCloseable {

  /**
   * @param spillId        the spill being loaded
   * @param segments       segments this run will load
   * @param rows           rows in them
   * @param bytes          bytes in them
   * @param alreadyLoaded  segments an earlier run loaded, skipped now
   */
  void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded);

  void segmentLoaded(String table, long rows, long bytes);

  /**
   * The pre-flight verification ({@link PreFlight}) checked one more segment; called before
   * {@link #started}, from one thread. Displays that show nothing here may ignore it.
   */
  default void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {}

  /**
   * Something the user must hear even with {@code --quiet}: the load is about to wait, or did
   * something on its own (a session left over by an earlier load terminated). One line, no prefix.
   * Unlike the other calls, it may come from a worker thread: a shared loader that waits long for a
   * segment another loader claimed says who holds it while it waits. Never while another call runs:
   * the loader holds the display's monitor around every call it makes while workers run.
   */
  default void warning(String message) {}

  /**
   * Every segment is loaded and every commit so far is flushed to disk ({@link dev.spillway.pg.DurableFlush}):
   * the WAL is durable up to {@code flushLsn}. Called once, last before {@link #close}, only on success.
   */
  default void durable(String flushLsn) {}

  /** Ends the display; never throws. */
  @Override
  void close();

  /** A progress that hears nothing but the warnings, each passed to {@code warnings}. */
  static LoadProgress warningsTo(java.util.function.Consumer<String> warnings) {
    return new LoadProgress() {
      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

      @Override
      public void segmentLoaded(String table, long rows, long bytes) {}

      @Override
      public void warning(String message) {
        warnings.accept(message);
      }

      @Override
      public void close() {}
    };
  }

  /** Shows nothing ({@code --quiet}). */
  static LoadProgress none() {
    return warningsTo(message -> {});
  }
}
