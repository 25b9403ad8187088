package dev.spillway.spill;

import dev.spillway.segment.IoErrors;
import dev.spillway.segment.OwnerOnly;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The exclusive lock a stage-one run holds on its {@code --out} for the whole run: an OS file lock
 * ({@link FileChannel#tryLock()}, an {@code fcntl} lock on Linux, released by the OS when the process
 * dies) on {@code DIR/.lock}, a file created 0600 that holds the locking process's id as decimal text
 * and a line feed, for the refusal message. The file stays after the run (deleting a lock file races
 * with the next run opening it); only the lock matters. A second run on the same directory, in this
 * process or another, is refused with {@link OutputDirectoryException}, {@code --force} or not.
 * Not thread-safe; close once.
 */
final class OutputLock implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code root} (an existing directory), creating {@code .lock} if needed. */
  static OutputLock acquire(Path root, Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
    } catch (IOException e) {
      throw new OutputDirectoryException(root, "cannot open its lock file " + file + ": " + IoErrors.describe(e), e);
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw held(root, file);
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      return new OutputLock(file, channel, lock);
    } catch (IOException e) {
      closeAfterFailure(channel, e);
      throw new OutputDirectoryException(root, "cannot lock " + file + ": " + IoErrors.describe(e), e);
    } catch (RuntimeException e) {
      closeAfterFailure(channel, e);
      throw e;
    }
  }

  /**
   * Refuses {@code root} when another run holds its lock {@code file}, without creating the file or
   * keeping the lock: an early check; {@link #acquire} decides.
   */
  static void refuseIfHeld(Path root, Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean held;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock = tryLock(channel);
      held = lock == null;
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      throw new OutputDirectoryException(root, "cannot open its lock file " + file + ": " + IoErrors.describe(e), e);
    }
    if (held) {
      throw held(root, file);
    }
  }

  private static OutputDirectoryException held(Path root, Path file) {
    return new OutputDirectoryException(root, "another spillway spill" + holder(file) + " is writing this directory "
        + "(it holds " + file.getFileName() + "); wait for it to finish or choose another --out "
        + "(--force never takes over a running spill)");
  }

  /** The lock, or null when another process (or this one, through another channel) holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      return null;
    }
  }

  /** " (process 1234)" from the lock file, or "" when it says nothing usable. */
  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.matches("[0-9]{1,19}") ? " (process " + text + ")" : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void closeAfterFailure(FileChannel channel, Exception primary) {
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  Path file() {
    return file;
  }

  /** Releases the lock and closes the file (which stays). Idempotent. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new OutputDirectoryException(file.getParent(), "cannot release its lock " + file + ": " + IoErrors.describe(e), e);
    }
  }
}
