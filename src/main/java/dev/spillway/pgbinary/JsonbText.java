package dev.spillway.pgbinary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's canonical {@code jsonb} text ({@code JsonbToCString}): object keys sorted by UTF-8
 * length, then bytewise; a duplicate key keeps its last value; numbers re-rendered as
 * {@code numeric} ({@code 1E2} is {@code 100}, {@code -0} is {@code 0}, {@code 1.50} stays);
 * strings re-escaped ({@code \" \\ \b \f \n \r \t}, other controls as <code>&#92;u00XX</code>, everything
 * else literal); separators {@code ", "} and {@code ": "}. Built and written without recursion.
 */
final class JsonbText {
  /** Key order of jsonb objects: shorter UTF-8 first, then by code point (= UTF-8 byte order). */
  private static final Comparator<String> KEY_ORDER =
      Comparator.comparingInt(JsonbText::utf8Length).thenComparing(JsonbText::compareCodePoints);

  private JsonbText() {}

  static String canonical(String json) {
    Builder builder = new Builder(false);
    JsonParser.parse(json, true, builder);
    return write(builder.root);
  }

  /**
   * The key form of a jsonb value ({@link Codec#keyText}): the canonical text with every number in
   * its {@code numeric} key form ({@link NumericText#keyText}), since jsonb's equality compares
   * numbers as numeric ({@code {"a": 1.0} = {"a": 1}}); containers and strings compare as written
   * canonically.
   */
  static String keyText(String json) {
    Builder builder = new Builder(true);
    JsonParser.parse(json, true, builder);
    return write(builder.root);
  }

  /** Builds the tree: objects are sorted maps, arrays lists, scalars their final text. */
  private static final class Builder implements JsonParser.Handler {
    /** Containers under construction, innermost first. */
    private final ArrayDeque<Object> open = new ArrayDeque<>();
    /** Pending member name of each open object, innermost first. */
    private final ArrayDeque<String> keys = new ArrayDeque<>();
    /** The finished top-level value. */
    private Object root;
    /** Numbers in their key form (no display scale) instead of as numeric prints them. */
    private final boolean numberKeys;

    Builder(boolean numberKeys) {
      this.numberKeys = numberKeys;
    }

    @Override
    public void startObject() {
      open.push(new TreeMap<String, Object>(KEY_ORDER));
    }

    @Override
    public void startArray() {
      open.push(new ArrayList<Object>());
    }

    @Override
    public void endObject() {
      add(open.pop());
    }

    @Override
    public void endArray() {
      add(open.pop());
    }

    @Override
    public void key(String name) {
      keys.push(name);
    }

    @Override
    public void string(String value) {
      add(quote(value));
    }

    @Override
    public void number(String token) {
      Object number = NumericText.parse(token);
      add(numberKeys ? NumericText.keyText(number) : NumericText.format(number));
    }

    @Override
    public void literal(String word) {
      add(word);
    }

    @SuppressWarnings("unchecked")
    private void add(Object value) {
      Object parent = open.peek();
      if (parent == null) {
        root = value;
      } else if (parent instanceof List<?> list) {
        ((List<Object>) list).add(value);
      } else {
        ((Map<String, Object>) parent).put(keys.pop(), value); // last duplicate wins
      }
    }
  }

  /** An open container while writing: its remaining items and its closing bracket. */
  private static final class Frame {
    /** Items not yet written (map entries or list elements). */
    final Iterator<?> items;
    /** '}' or ']'. */
    final char close;
    /** True until the first item is written (no separator before it). */
    boolean first = true;

    Frame(Iterator<?> items, char close) {
      this.items = items;
      this.close = close;
    }
  }

  /** Writes the tree iteratively, with a stack of open containers. */
  private static String write(Object root) {
    StringBuilder out = new StringBuilder();
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    Object next = root;
    while (true) {
      if (next instanceof Map<?, ?> map) {
        out.append('{');
        stack.push(new Frame(map.entrySet().iterator(), '}'));
      } else if (next instanceof List<?> list) {
        out.append('[');
        stack.push(new Frame(list.iterator(), ']'));
      } else if (next != null) {
        out.append((String) next);
      }
      next = null;
      if (stack.isEmpty()) {
        return out.toString();
      }
      Frame frame = stack.peek();
      if (!frame.items.hasNext()) {
        out.append(stack.pop().close);
        continue;
      }
      if (!frame.first) {
        out.append(", ");
      }
      frame.first = false;
      Object item = frame.items.next();
      if (item instanceof Map.Entry<?, ?> entry) {
        out.append(quote((String) entry.getKey())).append(": ");
        next = entry.getValue();
      } else {
        next = item;
      }
    }
  }

  /** The server's {@code escape_json}. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < ' ') {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
