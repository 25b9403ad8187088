package dev.spillway.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands a source's {@code file:} pattern to files. A pattern is a path relative to the plan
 * file's directory (or absolute) using {@code /} as separator; segments may use the glob syntax of
 * {@link java.nio.file.FileSystem#getPathMatcher} ({@code *}, {@code ?}, {@code [a-c]},
 * {@code {a,b}}, and {@code **} across directories). Only regular files match; matches come sorted
 * by path so runs are repeatable. A pattern without glob characters names one file.
 */
final class FilePatterns {
  private FilePatterns() {}

  private static final String GLOB_CHARS = "*?[{";

  /** The regular files {@code pattern} matches under {@code baseDirectory}, sorted; maybe none. */
  static List<Path> match(Path baseDirectory, String pattern) {
    int firstGlob = indexOfAny(pattern, GLOB_CHARS);
    if (firstGlob < 0) {
      Path file = baseDirectory.resolve(pattern).normalize();
      return Files.isRegularFile(file) ? List.of(file) : List.of();
    }
    int slash = pattern.lastIndexOf('/', firstGlob);
    Path root = slash < 0 ? baseDirectory : baseDirectory.resolve(slash == 0 ? "/" : pattern.substring(0, slash));
    String rest = pattern.substring(slash + 1);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
    try (Stream<Path> walk = Files.walk(root.normalize(), depth)) {
      Path normalRoot = root.normalize();
      List<Path> files = new ArrayList<>(walk
          .filter(Files::isRegularFile)
          .filter(p -> matcher.matches(normalRoot.relativize(p)))
          .toList());
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list files for pattern '" + pattern + "' under " + root, e);
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
