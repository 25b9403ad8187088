package dev.spillway.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/** Renders summaries as the indented JSON {@code spillway inspect --json} prints; members in record order. */
public final class InspectJson {
  private InspectJson() {}

  public static String render(SpillSummary summary) {
    return write(summary);
  }

  public static String render(SegmentSummary summary) {
    return write(summary);
  }

  private static String write(Object value) {
    SimpleModule instants = new SimpleModule("spillway-inspect").addSerializer(Instant.class, ToStringSerializer.instance);
    ObjectWriter writer = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).addModule(instants).build().writer();
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
