package dev.spillway.spill;

/**
 * Told when a table can receive no more rows while stage one still runs ({@link TableCompletion}):
 * its last segment is sealed by then (each of its segments was handed to the seal listener before
 * this call), so every segment of the table is known. Called on stage one's writer thread, at
 * most once per table; tables never reported complete are complete when stage one ends. An
 * exception thrown here stops stage one with it.
 */
@FunctionalInterface
public interface TableCompleteListener {
  /** @param table the plan's name of the table */
  void complete(String table);

  TableCompleteListener NONE = table -> { };
}
