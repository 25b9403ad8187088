package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadAheadSource}: the consumer sees the wrapped source's sequence exactly (malformed
 * records at their place, on the consuming thread), then its failure; close() stops a reader that
 * is far ahead and closes the source.
 */
class ReadAheadSourceTest {
  static final Path FILE = Path.of("in.csv");

  /** Record i is malformed when i % 7 == 3; fails after {@code failAfter} records when >= 0. */
  static final class Numbers implements RecordSource {
    final MalformedRecordListener listener;
    final long count;
    final long failAfter;
    final RuntimeException failure = new IllegalStateException("disk gone");
    long next;
    final AtomicBoolean closed = new AtomicBoolean();

    Numbers(MalformedRecordListener listener, long count, long failAfter) {
      this.listener = listener;
      this.count = count;
      this.failAfter = failAfter;
    }

    @Override public Path file() { return FILE; }
    @Override public List<String> header() { return List.of("n"); }
    @Override public int fieldCount() { return 1; }
    @Override public boolean empty() { return false; }
    @Override public long inputBytesRead() { return next; }
    @Override public long inputBytesTotal() { return count; }
    @Override public long commentRecordsSkipped() { return 0; }
    @Override public void close() { closed.set(true); }

    @Override
    public SourceRecord next() {
      while (next < count) {
        if (next == failAfter) {
          throw failure;
        }
        long i = next++;
        if (i % 7 == 3) {
          listener.malformed(new MalformedRecord(FILE, i, "bad " + i, "wrong field count"));
          continue;
        }
        return new ArrayRecord(FILE, i, new String[] {String.valueOf(i)});
      }
      return null;
    }
  }

  @Test
  void theConsumerSeesTheSequenceInOrderThenTheFailure() {
    List<String> seen = new ArrayList<>();
    Thread consumer = Thread.currentThread();
    Numbers[] inner = new Numbers[1];
    ReadAheadSource source = ReadAheadSource.open(l -> inner[0] = new Numbers(l, 10_000, 5_000), m -> {
      assertSame(consumer, Thread.currentThread(), "malformed records reach the consuming thread");
      seen.add("bad " + m.line());
    }, 3, 2);
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      for (SourceRecord r = source.next(); r != null; r = source.next()) {
        seen.add(r.value(0));
      }
    });
    assertSame(inner[0].failure, thrown);
    assertEquals(5_000, seen.size());
    for (int i = 0; i < 5_000; i++) {
      assertEquals(i % 7 == 3 ? "bad " + i : String.valueOf(i), seen.get(i));
    }
    source.close();
    assertTrue(inner[0].closed.get());
  }

  @Test
  void endsWithNullAndCarriesProgress() {
    ReadAheadSource source = ReadAheadSource.open(l -> new Numbers(l, 100, -1), m -> { }, 8, 1);
    int records = 0;
    while (source.next() != null) {
      records++;
    }
    assertEquals(100 - 14, records, "14 of 100 are malformed");
    assertNull(source.next());
    assertEquals(100, source.inputBytesRead());
    source.close();
  }

  @Test
  void closeStopsAReaderFarAheadAndClosesTheSource() {
    Numbers[] inner = new Numbers[1];
    ReadAheadSource source = ReadAheadSource.open(l -> inner[0] = new Numbers(l, Long.MAX_VALUE, -1), m -> { }, 16, 2);
    assertEquals("0", source.next().value(0));
    source.close();
    assertTrue(inner[0].closed.get());
    assertTrue(inner[0].next < 1_000, "the reader stopped at the bounded queue: " + inner[0].next);
  }
}
