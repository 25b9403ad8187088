package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link RecordSource} layer that parses ahead on a second thread: a reader thread calls the
 * wrapped source's {@code next()} and hands records over in batches through a bounded queue, so
 * parsing (decoding, CSV/text/JSON lexing, building the field strings) overlaps with whatever the
 * consuming thread does with the records. Nothing is reordered: the consumer sees exactly the
 * sequence the wrapped source produces, malformed records included, which are carried in the same
 * batches and passed to the downstream {@link MalformedRecordListener} on the consuming thread, at
 * their place between the well-formed ones. A failure of the wrapped source (an
 * {@link InputException}) is rethrown by the consumer's {@code next()} after the records read
 * before it. So the output of a run does not depend on this layer; only its speed does.
 *
 * <p>Memory: at most {@code batches + 2} batches of {@code batchRecords} records are alive (the
 * queue, one being filled, one being consumed). The reader thread starts at the first
 * {@link #next()}; {@link #header()}, {@link #fieldCount()} and {@link #empty()} are answered by the
 * wrapped source, which reads them when it is opened, on the opening thread.
 *
 * <p>Threads: one consumer thread calls every method; the reader thread is private. {@link #close()}
 * stops the reader thread (without interrupting its I/O), waits for it, then closes the wrapped
 * source.
 */
public final class ReadAheadSource implements RecordSource {
  /** One handed-over run of records. */
  private static final class Batch {
    /** SourceRecord or MalformedRecord items, in reading order; [0, size) in use. */
    final Object[] items;
    int size;
    /** The wrapped source's counters when the batch was handed over. */
    long inputBytesRead;
    long commentRecordsSkipped;
    /** True for the last batch: the input ended, or failed with {@link #failure}. */
    boolean last;
    Throwable failure;

    Batch(int capacity) {
      items = new Object[capacity];
    }
  }

  private final RecordSource source;
  private final MalformedRecordListener downstream;
  private final BlockingQueue<Batch> queue;
  private final int batchRecords;
  /** Set by close(): the reader thread stops at its next hand-over. */
  private volatile boolean stopped;
  private Thread reader;
  /** Reader thread only: the batch being filled. */
  private Batch filling;
  /** Consumer only: the batch being consumed and the next item in it. */
  private Batch current;
  private int position;
  /** Consumer only: the counters of the last batch taken. */
  private long inputBytesRead;
  private long commentRecordsSkipped;

  private ReadAheadSource(Function<MalformedRecordListener, RecordSource> opener, MalformedRecordListener downstream,
      int batchRecords, int batches) {
    this.downstream = downstream;
    this.batchRecords = batchRecords;
    this.queue = new ArrayBlockingQueue<>(batches);
    this.filling = new Batch(batchRecords);
    this.source = opener.apply(this::readMalformed); // records found malformed while opening go in the first batch
  }

  /**
   * Opens the source with {@code opener}, given the listener this layer forwards from, and reads
   * ahead of the caller.
   *
   * @param downstream   hears the malformed records, in order, on the consuming thread
   * @param batchRecords records (well-formed or not) per batch, at least 1
   * @param batches      batches the queue holds, at least 1
   */
  public static ReadAheadSource open(Function<MalformedRecordListener, RecordSource> opener,
      MalformedRecordListener downstream, int batchRecords, int batches) {
    checkArgument(batchRecords >= 1, "batchRecords < 1: %s", batchRecords);
    checkArgument(batches >= 1, "batches < 1: %s", batches);
    return new ReadAheadSource(opener, downstream, batchRecords, batches);
  }

  @Override
  public Path file() {
    return source.file();
  }

  @Override
  public List<String> header() {
    return source.header();
  }

  @Override
  public int fieldCount() {
    return source.fieldCount();
  }

  @Override
  public boolean empty() {
    return source.empty();
  }

  @Override
  public SourceRecord next() {
    if (reader == null) {
      reader = new Thread(this::readAll, "spillway-read " + source.file().getFileName());
      reader.setDaemon(true);
      reader.start();
    }
    while (true) {
      if (current != null && position < current.size) {
        Object item = current.items[position];
        current.items[position++] = null;
        if (item instanceof MalformedRecord m) {
          downstream.malformed(m);
          continue;
        }
        return (SourceRecord) item;
      }
      if (current != null && current.last) {
        if (current.failure != null) {
          throwFailure(current.failure);
        }
        return null;
      }
      current = take();
      position = 0;
      inputBytesRead = current.inputBytesRead;
      commentRecordsSkipped = current.commentRecordsSkipped;
    }
  }

  private static void throwFailure(Throwable failure) {
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("reading ahead failed", failure);
  }

  private Batch take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for records of " + source.file(), e);
    }
  }

  @Override
  public long inputBytesRead() {
    return inputBytesRead;
  }

  @Override
  public long inputBytesTotal() {
    return source.inputBytesTotal();
  }

  @Override
  public long commentRecordsSkipped() {
    return reader == null ? source.commentRecordsSkipped() : commentRecordsSkipped;
  }

  @Override
  public void close() {
    stopped = true;
    try {
      if (reader != null) {
        queue.clear();
        boolean interrupted = false;
        while (true) {
          try {
            reader.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true; // the reader stops by itself within a hand-over timeout; wait for it
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      source.close();
    }
  }

  // ---- the reader thread ----

  private void readAll() {
    try {
      for (SourceRecord r = source.next(); r != null; r = source.next()) {
        add(r);
        if (stopped) {
          return;
        }
      }
      filling.last = true;
    } catch (RuntimeException | Error e) {
      filling.last = true;
      filling.failure = e;
    }
    handOver();
  }

  /** The wrapped source's listener: keeps the malformed record at its place in the stream. */
  private void readMalformed(MalformedRecord record) {
    add(record);
  }

  private void add(Object item) {
    filling.items[filling.size++] = item;
    if (filling.size == batchRecords) {
      handOver();
      filling = new Batch(batchRecords);
    }
  }

  private void handOver() {
    filling.inputBytesRead = source.inputBytesRead();
    filling.commentRecordsSkipped = source.commentRecordsSkipped();
    try {
      while (!stopped) {
        if (queue.offer(filling, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      stopped = true;
    }
  }
}
