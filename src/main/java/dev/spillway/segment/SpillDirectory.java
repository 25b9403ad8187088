package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a spill directory (spill-format.md, "Spill directory"). Every path inside is
 * relative to the root, so the directory can be moved or archived as a whole:
 *
 * <pre>
 * DIR/                              0700
 *   manifest.json                   0600  the index: tables, segments, counters, state (ManifestStore)
 *   plan.yaml                       0600  copy of the plan that produced the spill
 *   rejects.csv                     0600  rows stage one refused, with source file, line and reason
 *   idmap/                          0700  natural key -> id maps (owned by dev.spillway.idmap)
 *   segments/                       0700
 *     TTTT-SSSSSSSS.pgcopy          0600  sealed segments (SegmentFileName)
 *     TTTT-SSSSSSSS.pgcopy.zst      0600  sealed zstd-compressed segments (Compression)
 *     TTTT-SSSSSSSS.pgcopy[.zst].tmp      a segment being written, or torn by a crash
 *   .lock                           0600  held locked by the stage-one run writing the directory
 * </pre>
 *
 * Immutable; holds paths only, no open files.
 */
public final class SpillDirectory {
  public static final String MANIFEST_FILE = "manifest.json";
  /** The manifest's temporary name while {@link AtomicFiles#write} publishes it; torn if left by a crash. */
  public static final String MANIFEST_TMP_FILE = MANIFEST_FILE + AtomicFiles.TMP_SUFFIX;
  public static final String PLAN_FILE = "plan.yaml";
  public static final String REJECTS_FILE = "rejects.csv";
  public static final String IDMAP_DIR = "idmap";
  public static final String SEGMENTS_DIR = SegmentFileName.DIRECTORY;
  /** Empty but for the writer's process id; locked while stage one writes the directory. */
  public static final String LOCK_FILE = ".lock";

  /** Absolute, normalised root. */
  private final Path root;

  private SpillDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Creates the root (if absent), {@code segments/} and {@code idmap/}, each 0700; keeps what exists. */
  public static SpillDirectory create(Path root) {
    SpillDirectory dir = new SpillDirectory(root);
    try {
      if (!Files.isDirectory(dir.root)) {
        Files.createDirectories(dir.root, OwnerOnly.directory());
      }
    } catch (IOException e) {
      throw new SpillIoException(dir.root, "creating spill directory", e);
    }
    OwnerOnly.createDirectory(dir.segmentsDir());
    OwnerOnly.createDirectory(dir.idmapDir());
    return dir;
  }

  /** An existing spill directory; creates nothing. */
  public static SpillDirectory open(Path root) {
    SpillDirectory dir = new SpillDirectory(root);
    if (!Files.isDirectory(dir.root)) {
      throw new SpillFormatException(dir.root, -1, "not a spill directory: no such directory");
    }
    return dir;
  }

  public Path root() {
    return root;
  }

  public Path manifestFile() {
    return root.resolve(MANIFEST_FILE);
  }

  /** {@link #manifestFile()}'s temporary sibling ({@link #MANIFEST_TMP_FILE}). */
  public Path manifestTmpFile() {
    return root.resolve(MANIFEST_TMP_FILE);
  }

  public Path lockFile() {
    return root.resolve(LOCK_FILE);
  }

  /**
   * Why {@code file}, if it exists, is not a regular file ("is a FIFO (named pipe)", "is a symbolic
   * link", ...), looked at without following links and without opening it: opening a FIFO for
   * reading blocks until someone writes. Empty for a regular file or none at all.
   */
  public static Optional<String> notRegular(Path file) {
    java.nio.file.attribute.BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be examined: " + e);
    }
    if (a.isRegularFile()) {
      return Optional.empty();
    }
    String kind = a.isSymbolicLink() ? "is a symbolic link" : a.isDirectory() ? "is a directory"
        : "is not a regular file (a FIFO, socket or device)";
    return Optional.of(kind + " (refused: only regular files are read)");
  }

  public Path planFile() {
    return root.resolve(PLAN_FILE);
  }

  public Path rejectsFile() {
    return root.resolve(REJECTS_FILE);
  }

  public Path idmapDir() {
    return root.resolve(IDMAP_DIR);
  }

  public Path segmentsDir() {
    return root.resolve(SEGMENTS_DIR);
  }

  public Path segmentFile(SegmentFileName name) {
    return segmentFile(name, Compression.NONE);
  }

  public Path segmentFile(SegmentFileName name, Compression compression) {
    return segmentsDir().resolve(name.fileName(compression));
  }

  public Path segmentTmpFile(SegmentFileName name) {
    return segmentTmpFile(name, Compression.NONE);
  }

  public Path segmentTmpFile(SegmentFileName name, Compression compression) {
    return segmentsDir().resolve(name.tmpFileName(compression));
  }

  /**
   * Resolves a segment path read from an untrusted manifest. Refuses (IllegalArgumentException
   * saying why) names outside the pattern, absolute paths, {@code ..}, a symbolic link as the file or
   * as {@code segments/}, anything but a regular file, and a real path outside the root. A file that
   * does not exist is not refused here (verification reports it as missing).
   */
  public Path resolveSegment(String relativePath) {
    SegmentFileName name = SegmentFileName.parseRelativePath(relativePath);
    checkArgument(!Files.isSymbolicLink(segmentsDir()), "%s is a symbolic link (refused)", segmentsDir());
    Path file = segmentFile(name, Compression.ofPath(relativePath));
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return file;
    }
    checkArgument(!Files.isSymbolicLink(file), "segment file %s is a symbolic link (refused)", relativePath);
    checkArgument(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), "segment file %s is not a regular file", relativePath);
    try {
      checkArgument(file.toRealPath().startsWith(root.toRealPath()), "segment file %s resolves outside %s", relativePath, root);
    } catch (IOException e) {
      throw new SpillIoException(file, "resolving", e);
    }
    return file;
  }

  /** What {@code segments/} holds, each list sorted: sealed segments, leftover tmp files, anything else. */
  public SegmentListing listSegments() {
    List<SegmentFileName> sealed = new ArrayList<>();
    List<Path> tmp = new ArrayList<>();
    List<Path> unexpected = new ArrayList<>();
    if (!Files.isDirectory(segmentsDir(), LinkOption.NOFOLLOW_LINKS)) {
      return new SegmentListing(sealed, tmp, unexpected);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(segmentsDir())) {
      for (Path entry : entries) {
        String fileName = entry.getFileName().toString();
        Optional<SegmentFileName> name = SegmentFileName.parseFileName(fileName);
        boolean regular = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
        if (name.isPresent() && regular) {
          sealed.add(name.get());
        } else if (isTmpName(fileName) && regular) {
          tmp.add(entry);
        } else {
          unexpected.add(entry);
        }
      }
    } catch (IOException e) {
      throw new SpillIoException(segmentsDir(), "listing", e);
    }
    Collections.sort(sealed);
    Collections.sort(tmp);
    Collections.sort(unexpected);
    return new SegmentListing(sealed, tmp, unexpected);
  }

  /** {@code *.pgcopy.tmp} or {@code *.pgcopy.zst.tmp}: a segment being written or torn by a crash. */
  static boolean isTmpName(String fileName) {
    for (Compression c : Compression.values()) {
      if (fileName.endsWith(c.suffix() + SegmentFileName.TMP_SUFFIX)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
