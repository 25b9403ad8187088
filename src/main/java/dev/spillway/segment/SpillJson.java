package dev.spillway.segment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.spillway.pgbinary.ColumnType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one JSON configuration for spill files (manifest and segment metadata), strict because the
 * input is untrusted: every record member required, unknown members, duplicate keys, trailing tokens
 * and type coercions (a string for a number, a float for an integer) refused. Column types are
 * their canonical SQL spelling (spill-format.md, section 2c), and any other spelling is refused; instants are ISO-8601 UTC ({@link Instant#toString()}).
 */
final class SpillJson {
  private SpillJson() {}

  /** A new strict mapper; mappers are thread-safe once built, so owners keep one. */
  static ObjectMapper strictMapper() {
    SimpleModule module = new SimpleModule("spillway-spill-files");
    module.addSerializer(ColumnType.class, new ColumnTypeSerializer());
    module.addDeserializer(ColumnType.class, new ColumnTypeDeserializer());
    module.addSerializer(Instant.class, new InstantSerializer());
    module.addDeserializer(Instant.class, new InstantDeserializer());
    JsonMapper mapper = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .addModule(module)
        .build();
    mapper.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
    return mapper;
  }

  private static final class ColumnTypeSerializer extends JsonSerializer<ColumnType> {
    @Override
    public void serialize(ColumnType value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.sqlName());
    }
  }

  private static final class ColumnTypeDeserializer extends JsonDeserializer<ColumnType> {
    @Override
    public ColumnType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = expectString(p, ctxt, ColumnType.class);
      ColumnType type;
      try {
        type = ColumnType.parse(text);
      } catch (IllegalArgumentException e) {
        throw ctxt.weirdStringException(text, ColumnType.class, e.getMessage());
      }
      if (!type.sqlName().equals(text)) { // spill-format.md 2c: files hold the canonical spelling only
        throw ctxt.weirdStringException(text, ColumnType.class, "type " + text + " is not in canonical form: expected "
            + type.sqlName());
      }
      return type;
    }
  }

  private static final class InstantSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  /**
   * spill-format.md section 4: the only instant syntax (upper-case T and Z, no offset, no leap second),
   * as {@link Instant#toString()} writes it: a year outside 0000-9999 (a file time can be anything)
   * has a sign (+ and 5 or more digits, or - and 4 or more), as ISO 8601's expanded years.
   */
  private static final java.util.regex.Pattern INSTANT =
      java.util.regex.Pattern.compile("([0-9]{4}|\\+[0-9]{5,9}|-[0-9]{4,9})-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = expectString(p, ctxt, Instant.class);
      if (!INSTANT.matcher(text).matches()) {
        throw ctxt.weirdStringException(text, Instant.class, "expected an ISO-8601 UTC instant "
            + "YYYY-MM-DDTHH:MM:SS[.fraction of 1 to 9 digits]Z, such as 2024-05-01T12:00:00Z");
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw ctxt.weirdStringException(text, Instant.class, "expected an ISO-8601 UTC instant such as 2024-05-01T12:00:00Z");
      }
    }
  }

  /**
   * Spill JSON is UTF-8 without a byte order mark (Jackson would skip one silently): refuses
   * {@code EF BB BF} at the start, reporting {@code offset}, where the JSON starts in its file.
   */
  static void refuseByteOrderMark(java.nio.file.Path file, long offset, byte[] json, String what) {
    if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
      throw new SpillFormatException(file, offset, what + " starts with a UTF-8 byte order mark (EF BB BF); spill JSON "
          + "has none");
    }
  }

  private static String expectString(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (String) ctxt.handleUnexpectedToken(type, p.currentToken(), p, "expected a JSON string");
    }
    return p.getText();
  }
}
