package dev.spillway.segment;

import dev.spillway.pgbinary.CodecRegistry;

/**
 * Reads the rest of a segment, validating its structure ({@link SegmentReader}) and decoding every
 * field with its column's codec ({@link ValueDecoder}), so a segment that passes holds only values
 * PostgreSQL's receive functions accept. The first undecodable value is kept, not thrown, and the
 * scan goes on over the structure alone: a structural defect anywhere in the file, and then the
 * manifest's row count and CRC-32Cs, take precedence over it (spill-format.md, section 6: a file
 * damaged after sealing is reported as damaged, not as holding a strange value). Not thread-safe.
 */
public final class ValueScan {
  private ValueScan() {}

  /**
   * What {@link #scan} found.
   *
   * @param scan          rows and size of the whole stream
   * @param firstBadValue the first value its codec refused, in file order, or null
   */
  public record Result(SegmentScan scan, SpillFormatException firstBadValue) {
    /** Throws the value defect, if any; returns the scan otherwise. */
    public SegmentScan orThrow() {
      if (firstBadValue != null) {
        throw firstBadValue;
      }
      return scan;
    }
  }

  /** Reads every remaining tuple of {@code reader}, which must be at its first tuple. */
  public static Result scan(SegmentReader reader, CodecRegistry registry) {
    ValueDecoder decoder = new ValueDecoder(reader.header().columns(), registry);
    RawTuple tuple = new RawTuple();
    SpillFormatException firstBad = null;
    while (firstBad == null && reader.next(tuple)) {
      try {
        decoder.decode(tuple, reader.file(), reader.rowCount(), reader.position() - tuple.sizeBytes(), reader.offsetNote());
      } catch (SpillFormatException e) {
        firstBad = e;
      }
    }
    while (reader.skip()) {
      // the structure of the rest is still checked
    }
    return new Result(new SegmentScan(reader.header(), reader.rowCount(), reader.position()), firstBad);
  }
}
