package dev.spillway.segment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns Jackson's errors on untrusted spill JSON into {@link SpillFormatException}s that name the
 * file, the byte offset (Jackson's location plus where the JSON starts in the file) and the member
 * path in spillway's own notation ({@code tables[2].columns[0].type}), keeping the cause.
 */
final class JsonErrors {
  private JsonErrors() {}

  static SpillFormatException toFormatException(Path file, long jsonStartOffset, String what, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    long offset = at == null ? jsonStartOffset
        : jsonStartOffset + Math.max(0, at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset());
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    return new SpillFormatException(file, offset,
        what + (path.isEmpty() ? "" : " " + path) + ": " + reason(e), e);
  }

  /** The innermost helpful message: a record's own check (IllegalArgumentException) beats Jackson's wording. */
  private static String reason(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      return cause.getMessage();
    }
    String m = e.getOriginalMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    return m.replaceAll("\\s*\\(class [^)]*\\)", "")
        .replaceAll("\\s*\\(but might [^)]*\\)", "")
        .replaceAll("\\s*\\(index \\d+\\)", "")
        .replaceAll(";\\s*`DeserializationFeature\\.[A-Z_]+` enabled", "")
        .replace(", not marked as ignorable", " (format version 1 allows no other members)")
        .replaceAll("`dev\\.spillway\\.(segment|pgbinary)\\.", "`");
  }

  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }
}
