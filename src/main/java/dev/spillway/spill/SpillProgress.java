package dev.spillway.spill;

/**
 * Hears how far stage one has read, on the reading thread: {@link #start} once with the total
 * input size, {@link #update} every few thousand records and after each file, {@link #close} at
 * the end (also after a failure). Implementations decide how often to print; {@link #NONE} prints
 * nothing ({@code --quiet}).
 */
public interface SpillProgress extends AutoCloseable {

  /** @param inputBytesTotal the size of every input file (compressed size for .gz) */
  void start(long inputBytesTotal);

  /**
   * @param records        input records read so far, malformed ones included
   * @param inputBytesRead input bytes consumed so far, comparable with {@code inputBytesTotal}
   */
  void update(long records, long inputBytesRead);

  /**
   * The resolution pass ({@link Resolution}) starts a sweep over the records parked while reading.
   *
   * @param parkedRecords records parked
   * @param sweep         which sweep, e.g. {@code drop sweep 1}, {@code writing}
   */
  default void resolving(long parkedRecords, String sweep) {}

  /** The run ended; prints a last line if the implementation prints at all. */
  @Override
  void close();

  SpillProgress NONE = new SpillProgress() {
    @Override
    public void start(long inputBytesTotal) {}

    @Override
    public void update(long records, long inputBytesRead) {}

    @Override
    public void close() {}
  };
}
