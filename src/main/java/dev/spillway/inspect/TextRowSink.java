package dev.spillway.inspect;

import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SegmentHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes rows as text ({@link TextLayout}: CSV, TSV or JSON lines), decoding each field with its
 * column's codec; the codecs are resolved once, from the first segment header's column types. Not
 * thread-safe.
 */
public final class TextRowSink implements RowSink {
  private final Writer out;
  private final TextLayout layout;
  private final CodecRegistry registry;
  /** Whether to write a line naming the columns first. */
  private final boolean withHeader;
  /** Resolved from the first header; null before it. */
  private RowDecoder decoder;

  private TextRowSink(Writer out, TextLayout layout, CodecRegistry registry, boolean withHeader) {
    this.out = out;
    this.layout = layout;
    this.registry = registry;
    this.withHeader = withHeader;
  }

  /** CSV for {@code COPY (FORMAT csv)}; {@code withHeader} adds a first line of column names (load with {@code HEADER}). */
  public static TextRowSink csv(Writer out, CodecRegistry registry, boolean withHeader) {
    return new TextRowSink(out, new CsvLayout(), registry, withHeader);
  }

  /** Tab-separated text for {@code COPY (FORMAT text)}; {@code withHeader} adds a line of column names. */
  public static TextRowSink tsv(Writer out, CodecRegistry registry, boolean withHeader) {
    return new TextRowSink(out, new TsvLayout(), registry, withHeader);
  }

  /** One JSON object per line. */
  public static TextRowSink jsonLines(Writer out, CodecRegistry registry) {
    return new TextRowSink(out, new JsonlLayout(), registry, false);
  }

  @Override
  public void begin(SegmentHeader header) {
    if (decoder != null) {
      checkState(decoder.columns().equals(header.columns()), "segment %s of table %s has columns %s, expected %s",
          header.sequence(), header.table(), header.columns(), decoder.columns());
      return;
    }
    decoder = new RowDecoder(header.columns(), registry);
    if (withHeader) {
      write(() -> layout.header(header.columns(), out));
    }
  }

  @Override
  public void row(RawTuple tuple, RowContext context) {
    Object[] values = decoder.decode(tuple, context);
    write(() -> layout.row(values, decoder, out));
  }

  @Override
  public void end() {
    write(out::flush);
  }

  private interface Output {
    void run() throws IOException;
  }

  private static void write(Output o) {
    try {
      o.run();
    } catch (IOException e) {
      throw new UncheckedIOException("writing rows: " + e.getMessage(), e);
    }
  }
}
