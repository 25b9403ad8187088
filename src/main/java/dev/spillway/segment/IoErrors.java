package dev.spillway.segment;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * I/O failures in plain words, as the C library says them ({@code /x: permission denied},
 * {@code read-only file system}, {@code no such file or directory}), without Java's exception class
 * names: for messages a user reads. {@link #describe} words one exception; {@link #plain} rewrites a
 * message that quoted an exception of its cause chain as {@code ": " + e} (its {@code toString()},
 * class name first). Stateless.
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * {@code e} in plain words: for a file system failure its file (and the other file, if any), then
   * what went wrong; for any other I/O failure its message.
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs) {
      String where = fs.getFile() == null ? "" : fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile())
          + ": ";
      return where + (fs.getReason() != null ? lowerFirst(fs.getReason()) : what(fs));
    }
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    return e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
  }

  /**
   * {@code message} with the {@code toString()} of each {@link IOException} in {@code failure}'s
   * cause chain ({@code failure} included) replaced by {@link #describe}; unchanged when it quotes
   * none.
   */
  public static String plain(String message, Throwable failure) {
    String out = message;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException io && out.contains(io.toString())) {
        out = out.replace(io.toString(), describe(io));
      }
    }
    return out;
  }

  /** Whether {@code failure} or one of its causes is an {@link IOException}: a failed read or write, not a refusal. */
  public static boolean isIo(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String what(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (e instanceof NotLinkException) {
      return "not a symbolic link";
    }
    if (e instanceof FileSystemLoopException) {
      return "a loop of symbolic links";
    }
    return "I/O error";
  }

  /** {@code Read-only file system} -> {@code read-only file system}; {@code I/O error} stays. */
  private static String lowerFirst(String reason) {
    int end = reason.indexOf(' ');
    String first = end < 0 ? reason : reason.substring(0, end);
    boolean word = first.length() > 1 && first.substring(1).equals(first.substring(1).toLowerCase(Locale.ROOT));
    return word ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
  }
}
