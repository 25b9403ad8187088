package dev.spillway.input;

import dev.spillway.plan.SourceSpec;

/** Picks the reader of a source's format type: the one place that maps a format to its {@link RecordSource}. */
public final class RecordSources {
  private RecordSources() {}

  /**
   * Opens a reader over {@code input} for {@code source}'s format, once its first bytes show it
   * is not compressed data or UTF-16 under another name ({@link InputMagic}).
   *
   * @param minFields the highest {@code $N} the plan reads (see {@link CsvReader}); unused by jsonl
   */
  public static RecordSource open(InputBytes input, SourceSpec source, int minFields, MalformedRecordListener listener) {
    InputBytes checked = InputMagic.checked(input, source.format());
    return switch (source.format().type()) {
      case CSV, TSV -> CsvReader.open(checked, source.format(), minFields, listener);
      case TEXT -> TextReader.open(checked, source.format(), minFields, listener);
      case JSONL -> JsonlReader.open(checked, source.format(), source.jsonPaths(), listener);
    };
  }
}
