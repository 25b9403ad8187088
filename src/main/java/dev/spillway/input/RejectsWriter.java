package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes the rejects file ({@code rejects.csv} in the spill directory): one line per rejected source record,
 * in the dialect of {@code COPY (FORMAT csv)} with a header, UTF-8, so Postgres itself can load it:
 * <pre>
 * source_file,line,table,column,raw_value,reason
 * data/packages.csv,12,package,installed_kb,12x,invalid input syntax for type integer
 * data/packages.csv,40,,,"a,b",wrong number of fields: 2, expected 6
 * </pre>
 * {@code line} is where the record starts; {@code table} and {@code column} are empty (NULL) when
 * the whole record was rejected. {@code raw_value} is NULL when the value was NULL, {@code ""} when
 * it was empty; a longer value than {@code maxRawChars} is cut and marked
 * {@code …[truncated from N chars]}, and a NUL char is shown as U+2400 (Postgres text cannot hold NUL).
 *
 * <p>The file is created new (never overwritten) with owner-only permissions (0600), given at
 * creation; on a file system without POSIX permissions it is not created at all
 * ({@link RejectsException}), since rejected rows may hold private data;
 * each line is flushed to the OS as it is written so a crash keeps every reject reported so far;
 * {@link #close()} also fsyncs. Not thread-safe: one writer per stage-one run.
 */
public final class RejectsWriter implements Closeable {
  public static final String FILE_NAME = "rejects.csv";
  public static final List<String> HEADER = List.of("source_file", "line", "table", "column", "raw_value", "reason");
  public static final int DEFAULT_MAX_RAW_CHARS = 1024;
  static final char NUL_SHOWN_AS = '\u2400';

  private final Path file;
  private final int maxRawChars;
  private final FileChannel channel;
  private final Writer out;
  /** reject lines written (the header not counted). */
  private long rejectCount;
  private boolean closed;

  private RejectsWriter(Path file, int maxRawChars, FileChannel channel) {
    this.file = file;
    this.maxRawChars = maxRawChars;
    this.channel = channel;
    this.out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
  }

  /** Creates {@code file} (which must not exist) and writes the header. */
  public static RejectsWriter create(Path file) {
    return create(file, DEFAULT_MAX_RAW_CHARS);
  }

  public static RejectsWriter create(Path file, int maxRawChars) {
    checkArgument(maxRawChars >= 1, "maxRawChars < 1: %s", maxRawChars);
    RejectsWriter writer = new RejectsWriter(file, maxRawChars, openNew(file));
    writer.writeLine(String.join(",", HEADER));
    return writer;
  }

  private static FileChannel openNew(Path file) {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      throw notOwnerOnly(file, new UnsupportedOperationException("no \"posix\" file attribute view"));
    }
    try {
      return FileChannel.open(file, options, ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      throw notOwnerOnly(file, notPosix);
    } catch (FileAlreadyExistsException e) {
      throw new RejectsException(file, "already exists", e);
    } catch (IOException e) {
      throw new RejectsException(file, "cannot create", e);
    }
  }

  private static RejectsException notOwnerOnly(Path file, UnsupportedOperationException cause) {
    return new RejectsException(file, "cannot be created owner-only (0600): its file system has no POSIX "
        + "permissions; put the spill directory on a POSIX file system", cause);
  }

  /**
   * Writes one reject.
   *
   * @param sourceFile the input file, as it should appear in the report
   * @param line       the 1-based line where the record starts
   * @param table      the table the row was for, or null for a whole record
   * @param column     the column whose value failed, or null
   * @param rawValue   the value as read (null for NULL)
   * @param reason     why, e.g. {@code integer out of range}
   */
  public void write(String sourceFile, long line, String table, String column, String rawValue, String reason) {
    checkArgument(line >= 0, "line < 0: %s", line);
    checkArgument(reason != null && !reason.isEmpty(), "a reject needs a reason: %s", reason);
    StringBuilder s = new StringBuilder(128);
    CsvText.appendField(s, sourceFile);
    s.append(',').append(line).append(',');
    CsvText.appendField(s, table);
    s.append(',');
    CsvText.appendField(s, column);
    s.append(',');
    CsvText.appendField(s, shown(rawValue));
    s.append(',');
    CsvText.appendField(s, reason.replace('\0', NUL_SHOWN_AS));
    writeLine(s.toString());
    rejectCount++;
  }

  /** Writes a malformed record: no table or column, the record's text as raw value. */
  public void write(MalformedRecord record) {
    write(record.file().toString(), record.line(), null, null, record.rawText(), record.reason());
  }

  /** Reject lines written so far. */
  public long rejectCount() {
    return rejectCount;
  }

  public Path file() {
    return file;
  }

  /** The value as it goes into the file: NUL made visible, cut after {@code maxRawChars}. */
  String shown(String value) {
    if (value == null) {
      return null;
    }
    String visible = value.replace('\0', NUL_SHOWN_AS);
    if (visible.length() <= maxRawChars) {
      return visible;
    }
    int cut = maxRawChars;
    if (Character.isHighSurrogate(visible.charAt(cut - 1))) {
      cut--; // never split a surrogate pair
    }
    return visible.substring(0, cut) + "…[truncated from " + value.length() + " chars]";
  }

  private void writeLine(String line) {
    checkState(!closed, "rejects file %s is closed", file);
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new RejectsException(file, "cannot write after " + rejectCount + " reject(s)", e);
    }
  }

  /** Flushes, fsyncs and closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (channel; out) {
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      throw new RejectsException(file, "cannot close after " + rejectCount + " reject(s)", e);
    }
  }
}
