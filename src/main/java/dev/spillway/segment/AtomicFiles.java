package dev.spillway.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The publish protocol for every file a reader may trust (segments, manifest): the content is
 * written to {@code name.tmp}, flushed and fsynced, renamed over {@code name} atomically, and then the
 * parent directory is fsynced so the rename itself survives a crash. A reader therefore sees either
 * the old file or the complete new one, never a torn one; a crash leaves at most a {@code *.tmp},
 * which {@link SegmentRecovery} removes.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static final String TMP_SUFFIX = ".tmp";

  /** Writes {@code content} to {@code target} by the protocol above (owner-only, replacing an old target). */
  public static void write(Path target, byte[] content) {
    Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    try {
      Files.deleteIfExists(tmp); // a stale tmp from a crash: recreate so the 0600 attribute applies
      try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OwnerOnly.file())) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      throw new SpillIoException(tmp, "writing", e);
    }
    publish(tmp, target, true);
  }

  /**
   * Renames a fully written and fsynced {@code tmp} to {@code target} and fsyncs the directory. With
   * {@code replace} false an existing target is refused instead of overwritten.
   */
  public static void publish(Path tmp, Path target, boolean replace) {
    try {
      if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString(), tmp.toString(), "will not replace a sealed file");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SpillIoException(target, "publishing " + tmp.getFileName() + " as", e);
    }
    fsyncDirectory(target.toAbsolutePath().getParent()); // a bare file name ("out.csv") has no parent of its own
  }

  /** Makes a directory's entries (creations, renames, deletions) durable. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw new SpillIoException(dir, "fsyncing directory", e);
    }
  }
}
