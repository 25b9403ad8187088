package dev.spillway.spill;

import static com.google.common.base.Preconditions.checkState;

import dev.spillway.segment.AtomicFiles;
import dev.spillway.segment.IoErrors;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.OwnerOnly;
import dev.spillway.segment.RecoveryReport;
import dev.spillway.segment.SegmentRecovery;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether {@code --out} may receive a new spill, locks it, and makes it ready:
 * <ul>
 *   <li>missing, or an empty directory: used (an existing one made owner-only, 0700, while it is
 *       still empty; refused when that is not possible, e.g. another user owns it);
 *   <li>a spill directory (only the names of spill-format.md's layout): refused without
 *       {@code --force}, saying whether it is complete or was left {@code open} by a run that
 *       crashed or stopped; with {@code --force} its contents are deleted (then it is made 0700);
 *   <li>anything else (a file, a directory holding other names): refused even with
 *       {@code --force}, which deletes spill directories only; this is checked before anything is
 *       written there, the lock file included;
 *   <li>a directory another run is writing ({@link OutputLock} on {@code .lock}): refused, even
 *       with {@code --force}.
 * </ul>
 * Before a complete spill is deleted its manifest is read ({@link #previous()}): its tables' row
 * counts size the new run's id maps (see {@link KeyEstimates}). The lock is taken before the
 * existing contents are judged or deleted and is held until
 * {@link #close()}, for the whole run. Deletion never follows symbolic links. Refusals are
 * {@link OutputDirectoryException}s. Single-threaded; {@link #prepare()} once.
 */
final class OutputDirectory implements AutoCloseable {
  /** The names spill-format.md allows at the top of a spill directory. */
  static final Set<String> SPILL_NAMES = Set.of(SpillDirectory.MANIFEST_FILE,
      SpillDirectory.MANIFEST_TMP_FILE, SpillDirectory.PLAN_FILE, SpillDirectory.PLAN_FILE
          + AtomicFiles.TMP_SUFFIX, SpillDirectory.REJECTS_FILE, SpillDirectory.IDMAP_DIR, SpillDirectory.SEGMENTS_DIR,
      SpillDirectory.LOCK_FILE);

  private final Path root;
  private final boolean force;
  /** Held from {@link #prepare()} until {@link #close()}; null before. */
  private OutputLock lock;
  /** The complete spill {@code --force} replaced, if its manifest could be read. */
  private Manifest previous;
  /** Why the replaced spill's manifest could not be read, or null. */
  private String previousProblem;

  OutputDirectory(Path out, boolean force) {
    this.root = out.toAbsolutePath().normalize();
    this.force = force;
  }

  /**
   * Refuses now what {@link #prepare()} would refuse (not a directory, foreign names, a spill there
   * without {@code --force}, a lock another run holds), writing nothing: no directory, no lock file,
   * nothing deleted. A run calls it before it opens any input, so a refused run says so at once
   * rather than after reading a header (standard input may not end for a long time).
   * {@link #prepare()} checks everything again under the lock.
   */
  void check() {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    refuseNonDirectory();
    List<String> names = entries();
    refuseForeignNames(names);
    OutputLock.refuseIfHeld(root, root.resolve(SpillDirectory.LOCK_FILE));
    if (!names.isEmpty() && !force) {
      refuseExistingSpill();
    }
  }

  /**
   * Checks the directory as described above, locks it and returns it created (0700, with segments/
   * and idmap/). On a refusal the lock is released again.
   */
  SpillDirectory prepare() {
    checkState(lock == null, "prepare() twice: %s", root);
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      refuseNonDirectory();
      refuseForeignNames(entries());
    } else {
      createRoot();
    }
    OutputLock taken = OutputLock.acquire(root, root.resolve(SpillDirectory.LOCK_FILE));
    try {
      List<String> names = entries();
      if (!names.isEmpty()) {
        clearExistingSpill(names);
      }
      makeOwnerOnly();
      SpillDirectory dir = SpillDirectory.create(root);
      lock = taken;
      return dir;
    } catch (RuntimeException e) {
      try {
        taken.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Releases the lock (the {@code .lock} file stays). Idempotent. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }

  private void createRoot() {
    try {
      Files.createDirectories(root, OwnerOnly.directory());
    } catch (IOException e) {
      throw new OutputDirectoryException(root, "cannot create: " + IoErrors.describe(e), e);
    }
  }

  /** Sets 0700 on the (now empty) root unless it has it already; refuses when it cannot. */
  private void makeOwnerOnly() {
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS);
      if (!now.equals(OwnerOnly.DIRECTORY_PERMISSIONS)) {
        Files.setPosixFilePermissions(root, OwnerOnly.DIRECTORY_PERMISSIONS);
      }
    } catch (IOException | UnsupportedOperationException e) {
      String why = e instanceof IOException io ? IoErrors.describe(io) : "its file system has no POSIX permissions";
      throw new OutputDirectoryException(root, "is not owner-only (0700) and cannot be made so (" + why
          + "); choose a directory of your own for --out", e);
    }
  }

  private void refuseNonDirectory() {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new OutputDirectoryException(root, "exists and is not a directory; choose another --out");
    }
  }

  private void refuseExistingSpill() {
    throw new OutputDirectoryException(root, describeExisting() + "; use --force to discard it and spill again, or "
        + "choose another --out");
  }

  private void refuseForeignNames(List<String> names) {
    List<String> foreign = names.stream().filter(n -> !SPILL_NAMES.contains(n)).sorted().toList();
    if (!foreign.isEmpty()) {
      throw new OutputDirectoryException(root, "exists and is not a spill directory (it holds "
          + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "")
          + "); choose another --out (--force only replaces spill directories)");
    }
  }

  private void clearExistingSpill(List<String> names) {
    refuseForeignNames(names);
    if (!force) {
      refuseExistingSpill();
    }
    previous = readCompleteManifest();
    for (String name : names) {
      deleteTree(root.resolve(name));
    }
    AtomicFiles.fsyncDirectory(root);
  }

  /**
   * The manifest of the complete spill that {@link #prepare()} replaced, or empty (none, open, or
   * not readable: it only sizes maps, so a bad one is not an error, see {@link #previousProblem()};
   * its contents are validated like any manifest, no file-system check).
   */
  Optional<Manifest> previous() {
    return Optional.ofNullable(previous);
  }

  /** Why the replaced spill's manifest was not used, when it existed but could not be read. */
  Optional<String> previousProblem() {
    return Optional.ofNullable(previousProblem);
  }

  private Manifest readCompleteManifest() {
    SpillDirectory dir = SpillDirectory.open(root);
    if (!Files.isRegularFile(dir.manifestFile(), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      Manifest m = new ManifestStore(dir).readContent();
      return m.state() == SpillState.COMPLETE ? m : null;
    } catch (RuntimeException e) {
      previousProblem = "the manifest of the spill replaced at " + root + " cannot be read (" + e.getMessage()
          + "): id maps are sized from the input";
      return null;
    }
  }

  /** What the existing spill is, for the refusal message. */
  private String describeExisting() {
    SpillDirectory dir = SpillDirectory.open(root);
    if (!Files.exists(dir.manifestFile(), LinkOption.NOFOLLOW_LINKS)) {
      return "already holds the start of a spill without a manifest (a run that crashed before writing one)";
    }
    Manifest manifest;
    try {
      manifest = new ManifestStore(dir).read();
    } catch (RuntimeException e) {
      return "already holds a spill whose manifest cannot be read (" + e.getMessage() + ")";
    }
    if (manifest.state() == SpillState.OPEN) {
      RecoveryReport torn = new SegmentRecovery(dir).inspect();
      return "holds spill " + manifest.spillId() + " left open by a run that crashed or stopped, started at "
          + manifest.createdAt() + ", with " + manifest.segments().size() + " sealed segment(s)"
          + (torn.clean() ? "" : " and " + torn.tornFiles().size() + " unsealed file(s) of " + torn.bytesCut() + " bytes")
          + "; an open spill cannot be loaded";
    }
    return "already holds complete spill " + manifest.spillId() + " (created " + manifest.createdAt() + ", "
        + manifest.segments().size() + " segment(s))";
  }

  /** The names in the root, except the lock file. */
  private List<String> entries() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
      stream.forEach(p -> names.add(p.getFileName().toString()));
      names.remove(SpillDirectory.LOCK_FILE);
    } catch (IOException e) {
      throw new OutputDirectoryException(root, "cannot list: " + IoErrors.describe(e), e);
    }
    return names;
  }

  /** Deletes a file, a symbolic link (not its target) or a directory tree. */
  private void deleteTree(Path path) {
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new OutputDirectoryException(root, "cannot delete " + path + " of the old spill (--force): " + IoErrors.describe(e), e);
    }
  }
}
