package dev.spillway.pgbinary;

import java.util.ArrayDeque;

/**
 * A JSON reader with the server's grammar (RFC 8259: white space is space, tab, LF, CR; numbers
 * without leading zeros; no trailing garbage), iterative so deep nesting cannot overflow the
 * stack; nesting beyond {@link #MAX_DEPTH} is refused (the server runs out of stack somewhat
 * deeper). Errors are {@code invalid input syntax for type json} with the position.
 *
 * <p>With {@code decodeEscapes} (jsonb) strings are decoded and, as in the server, <code>&#92;u0000</code>
 * is refused ({@code unsupported Unicode escape sequence}) and surrogate escapes must pair up.
 * Without it (json) escapes are only checked for shape, as {@code json_in} does.
 */
final class JsonParser {
  static final int MAX_DEPTH = 6000;

  /** Receives the document's structure in order. */
  interface Handler {
    void startObject();

    void endObject();

    void startArray();

    void endArray();

    /** A member name (decoded, or null when not decoding). */
    void key(String name);

    /** A string value (decoded, or null when not decoding). */
    void string(String value);

    /** A number token exactly as written. */
    void number(String token);

    /** {@code true}, {@code false} or {@code null}. */
    void literal(String word);
  }

  /** What may come next: FIRST_* also allow the container to close at once ({@code []}, {@code {}}). */
  private enum Expect { VALUE, FIRST_VALUE, KEY, FIRST_KEY, COLON, COMMA_OR_END }

  private final String s;
  private final boolean decodeEscapes;
  private final Handler handler;
  /** Index of the next unread character. */
  private int pos;

  private JsonParser(String s, boolean decodeEscapes, Handler handler) {
    this.s = s;
    this.decodeEscapes = decodeEscapes;
    this.handler = handler;
  }

  static void parse(String text, boolean decodeEscapes, Handler handler) {
    new JsonParser(text, decodeEscapes, handler).run();
  }

  private void run() {
    ArrayDeque<Character> open = new ArrayDeque<>(); // '{' or '['
    Expect expect = Expect.VALUE;
    while (true) {
      skipSpace();
      if (expect == Expect.COMMA_OR_END && open.isEmpty()) {
        if (pos != s.length()) {
          throw error("unexpected text after the value");
        }
        return;
      }
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      switch (expect) {
        case VALUE, FIRST_VALUE -> {
          if (c == ']' && expect == Expect.FIRST_VALUE) {
            pos++;
            open.pop();
            handler.endArray();
            expect = Expect.COMMA_OR_END;
          } else if (c == '{' || c == '[') {
            if (open.size() >= MAX_DEPTH) {
              throw new InvalidValueException("json nesting depth exceeds " + MAX_DEPTH);
            }
            pos++;
            open.push(c);
            if (c == '{') {
              handler.startObject();
              expect = Expect.FIRST_KEY;
            } else {
              handler.startArray();
              expect = Expect.FIRST_VALUE;
            }
          } else {
            scalar();
            expect = Expect.COMMA_OR_END;
          }
        }
        case KEY, FIRST_KEY -> {
          if (c == '}' && expect == Expect.FIRST_KEY) {
            pos++;
            open.pop();
            handler.endObject();
            expect = Expect.COMMA_OR_END;
          } else if (c == '"') {
            handler.key(string());
            expect = Expect.COLON;
          } else {
            throw error("expected a string key");
          }
        }
        case COLON -> {
          if (c != ':') {
            throw error("expected \":\"");
          }
          pos++;
          expect = Expect.VALUE;
        }
        case COMMA_OR_END -> {
          char container = open.peek();
          pos++;
          if (c == ',') {
            expect = container == '{' ? Expect.KEY : Expect.VALUE;
          } else if (c == (container == '{' ? '}' : ']')) {
            open.pop();
            if (container == '{') {
              handler.endObject();
            } else {
              handler.endArray();
            }
          } else {
            pos--;
            throw error("expected \",\" or the end of the " + (container == '{' ? "object" : "array"));
          }
        }
      }
    }
  }

  private void scalar() {
    char c = s.charAt(pos);
    if (c == '"') {
      handler.string(string());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      handler.number(number());
    } else {
      int start = pos;
      while (pos < s.length() && isWordChar(s.charAt(pos))) {
        pos++;
      }
      String word = s.substring(start, pos);
      if (!word.equals("true") && !word.equals("false") && !word.equals("null")) {
        pos = start;
        throw error("unexpected token");
      }
      handler.literal(word);
    }
  }

  private String number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos < s.length() && s.charAt(pos) == '0') {
      pos++;
    } else if (!digits()) {
      throw error("invalid number");
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (!digits()) {
        throw error("invalid number");
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (!digits()) {
        throw error("invalid number");
      }
    }
    if (pos < s.length() && isWordChar(s.charAt(pos))) {
      throw error("invalid number");
    }
    return s.substring(start, pos);
  }

  private boolean digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  /** Reads a string token starting at its opening quote; returns it decoded, or null when not decoding. */
  private String string() {
    pos++;
    StringBuilder out = decodeEscapes ? new StringBuilder() : null;
    int highSurrogate = -1;
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        if (highSurrogate >= 0) {
          throw error("Unicode high surrogate must be followed by a low surrogate");
        }
        return out == null ? null : out.toString();
      }
      if (c < 0x20) {
        throw error("control characters must be escaped");
      }
      if (c != '\\') {
        if (highSurrogate >= 0) {
          throw error("Unicode high surrogate must be followed by a low surrogate");
        }
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char e = s.charAt(pos++);
      if (e == 'u') {
        int code = hex4();
        if (out == null) {
          continue;
        }
        if (Character.isHighSurrogate((char) code)) {
          if (highSurrogate >= 0) {
            throw error("Unicode high surrogate must not follow a high surrogate");
          }
          highSurrogate = code;
          continue;
        }
        if (Character.isLowSurrogate((char) code)) {
          if (highSurrogate < 0) {
            throw error("Unicode low surrogate must follow a high surrogate");
          }
          out.append((char) highSurrogate).append((char) code);
          highSurrogate = -1;
          continue;
        }
        if (highSurrogate >= 0) {
          throw error("Unicode high surrogate must be followed by a low surrogate");
        }
        if (code == 0) {
          throw new InvalidValueException("unsupported Unicode escape sequence");
        }
        out.append((char) code);
        continue;
      }
      if (highSurrogate >= 0) {
        throw error("Unicode high surrogate must be followed by a low surrogate");
      }
      char decoded = switch (e) {
        case '"' -> '"';
        case '\\' -> '\\';
        case '/' -> '/';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        default -> throw error("invalid escape sequence");
      };
      if (out != null) {
        out.append(decoded);
      }
    }
  }

  private int hex4() {
    if (pos + 4 > s.length()) {
      throw error("\\u must be followed by four hexadecimal digits");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = s.charAt(pos++);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw error("\\u must be followed by four hexadecimal digits");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private void skipSpace() {
    while (pos < s.length() && isJsonSpace(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Characters that continue a token in the server's lexer (so {@code 1x} and {@code truex} fail). */
  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
  }

  private InvalidValueException error(String detail) {
    return new InvalidValueException("invalid input syntax for type json (" + detail + " at character " + (pos + 1) + ")");
  }
}
