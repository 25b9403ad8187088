package dev.spillway.idmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Awkward random natural keys: NULLs, empty strings, separators inside text, longs that look like text. */
final class KeyFixtures {
  private static final String[] ATOMS = {"", "a", "b", "|", ",", "a|b", "\u0000", "\u0001", "\u0002", "5", "NULL", "é", "\uD800", " "};

  private KeyFixtures() {}

  static List<Object> randomParts(Random random) {
    int arity = 1 + random.nextInt(3);
    List<Object> parts = new ArrayList<>(arity);
    for (int i = 0; i < arity; i++) {
      switch (random.nextInt(5)) {
        case 0 -> parts.add(null);
        case 1 -> parts.add((long) random.nextInt(7) - 2);
        default -> {
          StringBuilder text = new StringBuilder();
          int atoms = random.nextInt(4);
          for (int j = 0; j < atoms; j++) {
            text.append(ATOMS[random.nextInt(ATOMS.length)]);
          }
          parts.add(text.toString());
        }
      }
    }
    return parts;
  }

  static NaturalKey fill(NaturalKey key, List<Object> parts) {
    for (Object part : parts) {
      if (part instanceof Long value) {
        key.addLong(value);
      } else {
        key.addText((String) part);
      }
    }
    return key;
  }
}
