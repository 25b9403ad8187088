package dev.spillway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code --json}: one indented JSON document of a report record's components. */
final class JsonReport {
  /** Immutable once configured, thread-safe: a constant, not state. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(Object report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + report.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
