package dev.spillway.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Permissions for everything spillway creates in a spill directory: files {@code rw-------} (0600),
 * directories {@code rwx------} (0700), given at creation time (never chmod afterwards, which would
 * leave a window where others can open the file). Needs a POSIX file system.
 */
public final class OwnerOnly {
  private OwnerOnly() {}

  public static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

  public static FileAttribute<Set<PosixFilePermission>> file() {
    return PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS);
  }

  public static FileAttribute<Set<PosixFilePermission>> directory() {
    return PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS);
  }

  /** Creates {@code dir} (0700) unless it exists as a directory; refuses a symbolic link or a file there. */
  public static void createDirectory(Path dir) {
    try {
      if (Files.isSymbolicLink(dir)) {
        throw new SpillIoException(dir, "creating directory", new IOException("is a symbolic link (refused)"));
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, directory());
      }
    } catch (IOException e) {
      throw new SpillIoException(dir, "creating directory", e);
    }
  }
}
