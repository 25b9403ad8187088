package dev.spillway.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads an enum from its lower-case plan spelling ({@code on_duplicate: first}). */
final class YamlEnums {
  private YamlEnums() {}

  /** The constant spelled by {@code node}, or null after reporting the accepted spellings. */
  static <E extends Enum<E>> E parse(Class<E> type, YamlNode node, String path, Problems problems) {
    String text = MapReader.text(node, path, problems);
    if (text == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT);
      if (name.equals(text)) {
        return constant;
      }
      names.add(name);
    }
    problems.add(path, "expected one of " + String.join(", ", names) + ", got '" + text + "'");
    return null;
  }
}
