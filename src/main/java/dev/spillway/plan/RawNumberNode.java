package dev.spillway.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;

/**
 * A JSON number kept exactly as written in the input ({@code 1.50}, {@code 1e5},
 * {@code 12345678901234567890123}), so a column receives the number's own text and compact JSON
 * of an object holding it writes it unchanged. Immutable.
 */
final class RawNumberNode extends ValueNode {
  private static final long serialVersionUID = 1L;

  /** the number's JSON text. */
  private final String text;

  RawNumberNode(String text) {
    this.text = text;
  }

  @Override
  public JsonToken asToken() {
    return text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0
        ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_NUMBER_INT;
  }

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.NUMBER;
  }

  @Override
  public String asText() {
    return text;
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    generator.writeNumber(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawNumberNode other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
