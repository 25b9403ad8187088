package dev.spillway.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.plan.JsonPath;
import dev.spillway.plan.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the tree of one JSON line like {@link JsonTree} does (numbers keep their text, a repeated
 * member name keeps its last value for path lookups), but every object and array also keeps the
 * text it has in the line: its {@code toString()}, which {@link JsonPath#text} gives a column, is
 * that slice of the line, not a re-serialisation. So {@code $.} or {@code $.a} into a {@code json}
 * column keeps the value as written, white space, member order and repeated members included, as
 * a csv source into {@code json} does (PostgreSQL's {@code json} type keeps its input text;
 * {@code jsonb} normalises it on the server). Each slice is decoded only when a value is asked for.
 * Stateless.
 */
final class SourceJsonTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SourceJsonTree() {}

  /**
   * The value at the parser's current token of a parser over {@code line} (from offset 0): the
   * line's bytes, which the containers refer to and which must not change afterwards.
   */
  static JsonNode read(JsonParser parser, byte[] line) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      SlicedObject object = new SlicedObject(line, start);
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        object.set(name, read(parser, line));
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("expected the end of an object, got " + parser.currentToken());
      }
      object.end = (int) parser.currentLocation().getByteOffset();
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      SlicedArray array = new SlicedArray(line, start);
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() == null) {
          throw new IOException("unexpected end of input inside an array");
        }
        array.add(read(parser, line));
      }
      array.end = (int) parser.currentLocation().getByteOffset();
      return array;
    }
    return JsonTree.read(parser); // a scalar
  }

  /** An object that prints as its text in the line. */
  private static final class SlicedObject extends ObjectNode {
    private static final long serialVersionUID = 1L;
    private final transient byte[] line;
    private final int start;
    private int end;

    SlicedObject(byte[] line, int start) {
      super(NODES);
      this.line = line;
      this.start = start;
    }

    @Override
    public String toString() {
      return new String(line, start, end - start, StandardCharsets.UTF_8);
    }
  }

  /** An array that prints as its text in the line. */
  private static final class SlicedArray extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private final transient byte[] line;
    private final int start;
    private int end;

    SlicedArray(byte[] line, int start) {
      super(NODES);
      this.line = line;
      this.start = start;
    }

    @Override
    public String toString() {
      return new String(line, start, end - start, StandardCharsets.UTF_8);
    }
  }
}
