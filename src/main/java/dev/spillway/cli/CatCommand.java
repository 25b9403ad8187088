package dev.spillway.cli;

import dev.spillway.inspect.BinaryRowSink;
import dev.spillway.inspect.RowDump;
import dev.spillway.inspect.RowFormat;
import dev.spillway.inspect.RowOutOfRangeException;
import dev.spillway.inspect.RowSelection;
import dev.spillway.inspect.RowSink;
import dev.spillway.inspect.TextRowSink;
import dev.spillway.inspect.UnknownTableException;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.segment.AtomicFiles;
import dev.spillway.segment.IoErrors;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.OwnerOnly;
import dev.spillway.segment.SpillDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code spillway cat SEGMENT|DIR --table T [--format ...] [--limit N | --row N]}: decode rows to text. No database. */
@Command(name = "cat",
    description = {
      "Print the rows of a table or of one segment file as csv, tsv, jsonl or binary, without a database.",
      "Reads a table of a spill directory, or one segment file (.pgcopy or .pgcopy.zst), decoding with the column"
          + " types in the segments' own headers; each segment is verified (against the manifest when there is one)"
          + " before any of its rows is printed. csv loads with COPY ... (FORMAT csv), tsv with COPY ... (FORMAT text),"
          + " binary with COPY ... (FORMAT binary) or psql's \\copy (it is the plain, decompressed stream)."})
final class CatCommand implements Callable<Integer>, SignalNote {
  @Spec CommandSpec spec;
  @Mixin HelpMixin help;
  @Mixin VerboseMixin verbose;

  @Parameters(paramLabel = "SEGMENT|DIR", description = "A segment file, or a spill directory (then --table is required).")
  Path path;

  @Option(names = "--table", paramLabel = "T", description = "The table whose rows to print.")
  String table;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = FormatConverter.class,
      description = "csv (default), tsv, jsonl or binary.")
  RowFormat format;

  @Option(names = "--header", description = "csv and tsv: start with a line of column names.")
  boolean header;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout: written as FILE.tmp (0600), renamed to FILE only when every row "
          + "is out and verified, deleted on failure.")
  Path output;

  @ArgGroup(exclusive = true)
  Selection selection = new Selection();

  /** --limit N or --row N, not both. */
  static final class Selection {
    @Option(names = "--limit", paramLabel = "N", description = "Print only the first N rows.")
    Long limit;

    @Option(names = "--row", paramLabel = "N", description = "Print only row N (numbered from 1 across the table's segments).")
    Long row;
  }

  @Override
  public Integer call() throws IOException {
    RowSelection rows = rowSelection();
    boolean directory = Files.isDirectory(path);
    if (!directory && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new ParameterException(spec.commandLine(), "no such file or directory: " + path);
    }
    if (directory && table == null) {
      throw new ParameterException(spec.commandLine(), "--table is required when reading a spill directory");
    }
    if (format == RowFormat.BINARY && output == null && System.console() != null) {
      throw new ParameterException(spec.commandLine(), "--format binary writes bytes: redirect stdout or use -o FILE");
    }
    if (output == null) {
      dump(rows, directory, null);
      return ExitCode.OK;
    }
    Path tmp = output.resolveSibling(output.getFileName() + AtomicFiles.TMP_SUFFIX);
    boolean published = false;
    try {
      FileChannel channel = openFile(tmp);
      try (OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel))) {
        dump(rows, directory, file);
        file.flush();
        channel.force(true);
      }
      AtomicFiles.publish(tmp, output, true);
      published = true;
    } finally {
      if (!published) {
        Files.deleteIfExists(tmp); // a partial file must not be mistaken for a complete one
      }
    }
    return ExitCode.OK;
  }

  /** With -o FILE: FILE was not written (a signal skips the deletion of FILE.tmp). Without: standard output was cut. */
  @Override
  public String afterSignal() {
    return output == null ? "the rows printed are incomplete"
        : output + " was not written (" + output.getFileName() + AtomicFiles.TMP_SUFFIX + " may hold part of it; the"
            + " next cat -o " + output + " replaces it)";
  }

  /** Sends the selected rows to {@code file}, or to stdout when null; the caller closes {@code file}. */
  private void dump(RowSelection rows, boolean directory, OutputStream file) {
    try {
      RowDump dump = new RowDump(rows, sink(file));
      if (directory) {
        SpillDirectory dir = SpillDirectory.open(path);
        dump.directory(dir, new ManifestStore(dir).read(), table);
      } else {
        dump.file(path, Optional.ofNullable(table));
      }
    } catch (UnknownTableException | RowOutOfRangeException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private RowSelection rowSelection() {
    Long n = selection.limit != null ? selection.limit : selection.row;
    if (n != null && n < 1) {
      throw new ParameterException(spec.commandLine(), (selection.limit != null ? "--limit" : "--row") + " must be at least 1: " + n);
    }
    return selection.limit != null ? RowSelection.limit(selection.limit)
        : selection.row != null ? RowSelection.row(selection.row) : RowSelection.all();
  }

  /** The sink for --format, writing to {@code file} or, when null, stdout (bytes to System.out, text to picocli's out). */
  private RowSink sink(OutputStream file) {
    if (format == RowFormat.BINARY) {
      return new BinaryRowSink(file != null ? file : new BufferedOutputStream(System.out));
    }
    Writer text = file != null ? new OutputStreamWriter(file, StandardCharsets.UTF_8) : spec.commandLine().getOut();
    CodecRegistry codecs = CodecRegistry.standard();
    return switch (format) {
      case TSV -> TextRowSink.tsv(text, codecs, header);
      case JSONL -> TextRowSink.jsonLines(text, codecs);
      default -> TextRowSink.csv(text, codecs, header);
    };
  }

  /** Creates {@code tmp} 0600, replacing a stale one left by a crash (never following a symbolic link). */
  private static FileChannel openFile(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
      return FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp + ": " + IoErrors.describe(e), e);
    }
  }

  /** Parses --format, saying what was expected. */
  static final class FormatConverter implements ITypeConverter<RowFormat> {
    @Override
    public RowFormat convert(String value) {
      try {
        return RowFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
