package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.pgbinary.JavaValues;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How the records code hands to one source fed from code become {@link CodeRecord}s: the seam
 * between {@code record(source, fields)} calls and the emits, used by every writer that takes such
 * records. Immutable and thread-safe.
 *
 * <p>A source that reads {@code $name}s takes <b>map</b> records: field names play the role of a
 * CSV header's names, the record's fields are the source's {@link SourceSpec#fieldNames()} in that
 * order (bound as a header that is exactly that list), a name the map lacks is NULL and a name the
 * source does not read is refused (IllegalArgumentException naming it and the names it reads: a
 * misspelt name would otherwise be a silent NULL). A source that reads positions ({@code $1}, {@code $2}) takes
 * <b>list</b> records: element N-1 is {@code $N}; a list shorter than the highest position the
 * source reads is a malformed record ({@link #tooShort}), longer ones keep their extra elements
 * unread. A source that reads neither (constants only) takes either. Values must be of a class
 * {@link JavaValues#supported}; anything else is a programming error (IllegalArgumentException).
 */
public final class CodeFields {
  /** The two shapes a record fed from code can have. */
  public enum Shape { MAP, LIST }

  /** the source. */
  private final SourceSpec source;
  /** the names the source reads, in the order a map record's fields are laid out. */
  private final List<String> names;
  /** the highest {@code $N} the source reads; 0 when none. */
  private final int positions;

  private CodeFields(SourceSpec source) {
    this.source = source;
    this.names = source.fieldNames();
    this.positions = source.highestPosition();
  }

  /** The layout of {@code source}, which must be fed from code. */
  public static CodeFields of(SourceSpec source) {
    Objects.requireNonNull(source, "source");
    checkArgument(source.fedFromCode(), "source %s reads files; it is not fed from code", source.displayName());
    return new CodeFields(source);
  }

  public SourceSpec source() {
    return source;
  }

  /**
   * The header to bind the source with for records of {@code shape}: the field names for maps,
   * {@code $1..$N} for lists (then only positions are read).
   */
  public List<String> header(Shape shape) {
    return shape == Shape.MAP ? names
        : IntStream.rangeClosed(1, positions).mapToObj(i -> "$" + i).toList();
  }

  /** The map record number {@code sequence} (1-based) as a record of this source. */
  public CodeRecord fromMap(Map<String, ?> fields, long sequence) {
    Objects.requireNonNull(fields, "fields");
    checkArgument(positions == 0, "source '%s' reads fields by position ($%s): give its records as lists, not maps",
        source.displayName(), positions);
    Object[] values = new Object[names.size()];
    int given = 0;
    for (int i = 0; i < values.length; i++) {
      String name = names.get(i);
      if (fields.containsKey(name)) {
        given++;
      }
      values[i] = checked(fields.get(name), name, sequence);
    }
    if (given < fields.size()) {
      List<String> unread = fields.keySet().stream().filter(k -> !names.contains(k)).map(String::valueOf).sorted().toList();
      throw new IllegalArgumentException("source '" + source.displayName() + "' record " + sequence + ": field"
          + (unread.size() == 1 ? " " : "s ") + unread + " not read by the source (a misspelt name would be NULL);"
          + " it reads " + names);
    }
    return new CodeRecord(source.displayName(), sequence, values);
  }

  /**
   * The list record number {@code sequence} as a record of this source; null when it is shorter than
   * the highest position the source reads (then {@link #tooShort} describes it).
   */
  public CodeRecord fromList(List<?> fields, long sequence) {
    Objects.requireNonNull(fields, "fields");
    checkArgument(names.isEmpty(), "source '%s' reads fields by name (%s): give its records as maps, not lists",
        source.displayName(), names);
    if (fields.size() < positions) {
      return null;
    }
    Object[] values = new Object[positions];
    for (int i = 0; i < positions; i++) {
      values[i] = checked(fields.get(i), "$" + (i + 1), sequence);
    }
    return new CodeRecord(source.displayName(), sequence, values);
  }

  /** A list record too short for the source, as a malformed record (one rejects line, as a CSV line with too few fields). */
  public MalformedRecord tooShort(List<?> fields, long sequence) {
    List<String> texts = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      texts.add(JavaValues.text(checked(fields.get(i), "$" + (i + 1), sequence)));
    }
    return new MalformedRecord(Path.of(source.displayName()), sequence, String.valueOf(texts),
        "record has " + fields.size() + " fields, the source reads up to $" + positions);
  }

  private Object checked(Object value, String field, long sequence) {
    if (!JavaValues.supported(value)) {
      throw new IllegalArgumentException("source '" + source.displayName() + "' record " + sequence + ": field " + field
          + " is a " + value.getClass().getName() + "; supported: " + JavaValues.SUPPORTED);
    }
    return value;
  }
}
