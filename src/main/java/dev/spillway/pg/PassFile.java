package dev.spillway.pg;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks a password up in a password file ({@code ~/.pgpass}, {@code PGPASSFILE}), with libpq's rules:
 * <pre>
 * hostname:port:database:username:password
 * </pre>
 * One entry per line; lines starting with {@code #} are comments; the first matching line wins. In
 * the first four fields {@code *} alone matches anything, and {@code \} escapes the next character
 * ({@code \:} and {@code \\}), so {@code \*} is a literal star. The password runs to the next
 * unescaped {@code :} or the end of the line, with escapes removed. A Unix-socket or empty host is
 * matched as {@code localhost}; an empty port as {@code 5432}.
 *
 * <p>A file that is not a regular file, or (on POSIX systems) that the group or others may access,
 * is ignored with a warning, exactly as libpq does.
 */
final class PassFile {
  static final String DEFAULT_HOST = "localhost";
  static final String DEFAULT_PORT = "5432";

  private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PassFile() {}

  /**
   * @param warnings receives a line when the file exists but is ignored
   * @return the password of the first matching entry, empty if none matches or the file is absent
   */
  static Optional<String> lookup(Path file, String host, String port, String database, String user, List<String> warnings) {
    if (database.isEmpty() || user.isEmpty() || !Files.exists(file)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      warnings.add("password file \"" + file + "\" is not a plain file");
      return Optional.empty();
    }
    if (groupOrOtherMayAccess(file)) {
      warnings.add("password file \"" + file + "\" has group or world access; permissions should be u=rw (0600) or less");
      return Optional.empty();
    }
    String matchHost = host.isEmpty() || host.startsWith("/") ? DEFAULT_HOST : host;
    String matchPort = port.isEmpty() ? DEFAULT_PORT : port;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warnings.add("cannot read password file \"" + file + "\": " + IoErrors.describe(e));
      return Optional.empty();
    }
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      Optional<String> password = match(stripLineEnd(line), matchHost, matchPort, database, user);
      if (password.isPresent()) {
        return password;
      }
    }
    return Optional.empty();
  }

  /** The password when {@code line} matches all four values. */
  static Optional<String> match(String line, String host, String port, String database, String user) {
    int[] pos = {0};
    for (String value : new String[] {host, port, database, user}) {
      if (!fieldMatches(line, pos, value)) {
        return Optional.empty();
      }
    }
    StringBuilder password = new StringBuilder();
    for (int i = pos[0]; i < line.length() && line.charAt(i) != ':'; i++) {
      if (line.charAt(i) == '\\' && i + 1 < line.length()) {
        i++;
      }
      password.append(line.charAt(i));
    }
    return password.length() == 0 ? Optional.empty() : Optional.of(password.toString());
  }

  /** libpq's pwdfMatchesString: advances {@code pos} past the field and its ':' on a match. */
  private static boolean fieldMatches(String line, int[] pos, String value) {
    int i = pos[0];
    if (line.startsWith("*:", i)) {
      pos[0] = i + 2;
      return true;
    }
    int v = 0;
    while (i < line.length()) {
      boolean escaped = false;
      if (line.charAt(i) == '\\') {
        i++;
        escaped = true;
        if (i >= line.length()) {
          return false;
        }
      }
      char c = line.charAt(i);
      if (c == ':' && !escaped && v == value.length()) {
        pos[0] = i + 1;
        return true;
      }
      if (v == value.length() || c != value.charAt(v)) {
        return false;
      }
      i++;
      v++;
    }
    return false;
  }

  private static String stripLineEnd(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static boolean groupOrOtherMayAccess(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.stream().anyMatch(GROUP_OR_OTHER::contains);
    } catch (UnsupportedOperationException | IOException e) {
      return false; // not a POSIX file system: libpq skips the check on Windows too
    }
  }
}
