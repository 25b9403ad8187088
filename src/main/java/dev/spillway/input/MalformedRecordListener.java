package dev.spillway.input;

/**
 * Receives the records a {@link CsvReader} skips as malformed, in file order, on the reading
 * thread. Stage one writes them to the rejects file and counts them.
 */
@FunctionalInterface
public interface MalformedRecordListener {
  void malformed(MalformedRecord record);
}
