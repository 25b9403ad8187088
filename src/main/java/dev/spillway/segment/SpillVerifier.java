package dev.spillway.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a whole spill directory, as {@code spillway verify} does (spill-format.md, section 6,
 * rules D1-D5):
 *
 * <ol>
 *   <li>the manifest is readable and valid (if not, that is the only problem reported) and its state
 *       is {@code complete};
 *   <li>every segment it lists is intact ({@link SegmentVerifier}: path, size, trailer, header,
 *       structure, row count, CRC32Cs, values), each reported at its first defect, and the next one checked;
 *   <li>nothing else is in {@code segments/}: a torn {@code *.tmp} is reported as torn, a sealed
 *       name the manifest does not list as unreferenced, anything else (links, directories, stray
 *       files) as unexpected; a leftover {@code manifest.json.tmp} as a torn manifest.
 * </ol>
 * Other top-level names in the directory are not looked at (readers ignore names they do not know).
 *
 * Collects problems instead of stopping at the first, so one run lists everything wrong. Reads each
 * segment once, streaming; memory does not grow with the directory. Not thread-safe.
 */
public final class SpillVerifier {
  private final SpillDirectory dir;

  public SpillVerifier(SpillDirectory dir) {
    this.dir = dir;
  }

  public VerifyReport verify(VerifyListener listener) {
    List<SpillProblem> problems = new ArrayList<>();
    Manifest manifest;
    try {
      manifest = new ManifestStore(dir).readContent();
    } catch (SpillFormatException e) {
      problems.add(SpillProblem.of(e));
      checkTornManifest(problems);
      return new VerifyReport(Optional.empty(), 0, 0, 0, 0, problems);
    } catch (SpillIoException e) {
      problems.add(new SpillProblem(e.file(), -1, "cannot be read: " + e.getCause()));
      return new VerifyReport(Optional.empty(), 0, 0, 0, 0, problems);
    }
    if (manifest.state() != SpillState.COMPLETE) {
      problems.add(new SpillProblem(dir.manifestFile(), -1, "state is " + manifest.state().jsonName()
          + ": stage one has not completed this spill (still running, or it stopped); loaders refuse it"));
    }
    int intact = 0;
    long rows = 0;
    long bytes = 0;
    long bytesTotal = manifest.segments().stream().mapToLong(SealedSegment::bytes).sum();
    long bytesDone = 0;
    SegmentVerifier verifier = new SegmentVerifier(dir, manifest);
    List<SealedSegment> segments = manifest.segments();
    for (int i = 0; i < segments.size(); i++) {
      SealedSegment segment = segments.get(i);
      if (checkSegment(verifier, segment, problems)) {
        intact++;
        rows += segment.rows();
        bytes += segment.bytes();
      }
      bytesDone += segment.bytes();
      listener.progress(i + 1, segments.size(), bytesDone, bytesTotal);
    }
    problems.addAll(directoryProblems(manifest));
    return new VerifyReport(Optional.of(manifest), segments.size(), intact, rows, bytes, problems);
  }

  /**
   * What sits in the directory besides the manifest's segments: torn {@code *.tmp} segments and
   * manifest, sealed segments the manifest does not list, symbolic links, stray files, and a plan
   * copy or rejects file that is not a regular file (a FIFO would hang whoever reads it). The
   * segments the manifest lists are not read here ({@link SegmentVerifier} checks those).
   */
  public List<SpillProblem> directoryProblems(Manifest manifest) {
    List<SpillProblem> problems = new ArrayList<>();
    checkDirectoryContents(manifest, problems);
    checkTornManifest(problems);
    for (Path file : List.of(dir.planFile(), dir.rejectsFile())) {
      SpillDirectory.notRegular(file).ifPresent(what -> problems.add(new SpillProblem(file, -1, what)));
    }
    return problems;
  }

  /** True when the segment is intact; otherwise adds its first defect. */
  private static boolean checkSegment(SegmentVerifier verifier, SealedSegment segment, List<SpillProblem> problems) {
    try {
      verifier.verify(segment);
      return true;
    } catch (SpillFormatException e) {
      problems.add(SpillProblem.of(e));
    } catch (SpillIoException e) {
      problems.add(new SpillProblem(e.file(), -1, "cannot be read: " + e.getCause()));
    }
    return false;
  }

  private void checkDirectoryContents(Manifest manifest, List<SpillProblem> problems) {
    Path segmentsDir = dir.segmentsDir();
    if (Files.isSymbolicLink(segmentsDir)) {
      problems.add(new SpillProblem(segmentsDir, -1, "is a symbolic link (refused)"));
      return;
    }
    if (!Files.isDirectory(segmentsDir, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(segmentsDir, LinkOption.NOFOLLOW_LINKS) || !manifest.segments().isEmpty()) {
        problems.add(new SpillProblem(segmentsDir, -1, "is missing or not a directory"));
      }
      return;
    }
    Set<String> listed = new HashSet<>();
    for (SealedSegment s : manifest.segments()) {
      listed.add(s.file().substring(s.file().lastIndexOf('/') + 1));
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(segmentsDir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      problems.add(new SpillProblem(segmentsDir, -1, "cannot be listed: " + e));
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (!listed.contains(name)) { // a listed name was checked (and any defect reported) as its segment
        problems.add(new SpillProblem(entry, -1, unexpected(entry, name)));
      }
    }
  }

  /** Why {@code entry}, which the manifest does not list, should not be in {@code segments/}. */
  private static String unexpected(Path entry, String name) {
    if (Files.isSymbolicLink(entry)) {
      return "unexpected symbolic link in segments/ (segments are regular files)";
    }
    if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
      return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? "unexpected directory in segments/"
          : "unexpected special file in segments/";
    }
    if (SpillDirectory.isTmpName(name)) {
      return "torn segment: an unsealed .tmp of " + sizeOf(entry) + " bytes left by an interrupted spill "
          + "(never loaded; recovery removes it)";
    }
    if (SegmentFileName.parseFileName(name).isPresent()) {
      return "sealed segment not listed in the manifest (unreferenced: a crash between sealing and the manifest "
          + "update, or a stray copy)";
    }
    return "unexpected file in segments/";
  }

  private void checkTornManifest(List<SpillProblem> problems) {
    Path tmp = dir.manifestTmpFile();
    if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(new SpillProblem(tmp, -1, "torn manifest: an unpublished manifest of " + sizeOf(tmp)
          + " bytes left by an interrupted write (manifest.json is the valid one; recovery removes it)"));
    }
  }

  private static String sizeOf(Path file) {
    try {
      return String.valueOf(Files.size(file));
    } catch (IOException e) {
      return "unknown (" + e + ")";
    }
  }
}
