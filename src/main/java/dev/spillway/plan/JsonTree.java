package dev.spillway.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds the tree of one JSON value from Jackson's streaming parser: objects and arrays as
 * Jackson nodes, strings and literals as usual, numbers as {@link RawNumberNode}s keeping their
 * text. A member name repeated in an object keeps its last value (as jsonb does). Nesting is bounded
 * by the parser's {@code StreamReadConstraints} (the jsonl reader's). Used by the jsonl reader for
 * each line and by {@link JsonPath#parseValue} for a value's text, so both give numbers the same
 * text. Stateless.
 */
public final class JsonTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /** The value starting at the parser's current token. */
  public static JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          parser.nextToken();
          object.set(name, read(parser));
        }
        expect(parser, JsonToken.END_OBJECT);
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (parser.currentToken() == null) {
            throw new IOException("unexpected end of input inside an array");
          }
          array.add(read(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new RawNumberNode(parser.getText());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IOException("unexpected token " + token);
    }
  }

  private static void expect(JsonParser parser, JsonToken token) throws IOException {
    if (parser.currentToken() != token) {
      throw new IOException("expected " + token + ", got " + parser.currentToken());
    }
  }
}
