package dev.spillway.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Collects every problem of a plan, each as {@code yaml.path: message}, so that one run reports
 * them all ({@code tables.package.key[0]: unknown column 'nam'}). Single-threaded, used during one
 * parse or one header binding.
 */
final class Problems {
  private final List<String> problems = new ArrayList<>();

  void add(String path, String message) {
    problems.add(path.isEmpty() ? message : path + ": " + message);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  int size() {
    return problems.size();
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  /** Throws a {@link PlanException} listing every problem, if there is any. */
  void throwIfAny(String planFile) {
    if (!problems.isEmpty()) {
      throw new PlanException(planFile, problems);
    }
  }

  /** {@code parent.key}, or just {@code key} at the root. */
  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent[index]}. */
  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * A hint for a likely typo: {@code " (did you mean 'columns'?)"} when one candidate is within two
   * edits of {@code given} or equal ignoring case, otherwise the empty string.
   */
  static String didYouMean(String given, Collection<String> candidates) {
    String best = closest(given, candidates);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** The candidate within two edits of {@code given} or equal ignoring case (the closest first), or null. */
  static String closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = candidate.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT)) ? 0 : editDistance(given, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= 2 ? best : null;
  }

  /** Levenshtein distance; names in plans are short. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
