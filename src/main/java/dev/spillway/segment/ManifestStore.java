package dev.spillway.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes a spill directory's {@code manifest.json}.
 *
 * <p>Writing: the manifest is serialised as indented UTF-8 JSON and published atomically
 * ({@link AtomicFiles}: {@code manifest.json.tmp}, fsync, rename, directory fsync), so a reader sees
 * the previous manifest or the new one, never a mix. Stage one rewrites it after every sealed
 * segment.
 *
 * <p>Reading treats the file as untrusted: at most {@value #MAX_MANIFEST_BYTES} bytes; strict JSON
 * (no duplicate keys, unknown or missing members, coercions, trailing data); {@code formatVersion}
 * checked first, so an unknown version is refused naming both versions whatever else changed; then
 * every rule of {@link Manifest}; then each segment path is resolved through
 * {@link SpillDirectory#resolveSegment} (symbolic links and escapes refused). Every failure is a
 * {@link SpillFormatException} naming the manifest file. Thread-safe.
 */
public final class ManifestStore {
  public static final long MAX_MANIFEST_BYTES = 256L << 20;

  private final SpillDirectory dir;
  /** Strict and thread-safe once built. */
  private final ObjectMapper mapper = SpillJson.strictMapper();

  public ManifestStore(SpillDirectory dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.manifestFile();
  }

  /** Publishes {@code manifest} atomically, replacing the previous one. */
  public void write(Manifest manifest) {
    AtomicFiles.write(dir.manifestFile(), toJson(manifest));
  }

  public byte[] toJson(Manifest manifest) {
    try {
      byte[] json = mapper.writeValueAsBytes(manifest);
      byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the manifest of spill " + manifest.spillId(), e);
    }
  }

  /** Reads and validates {@code manifest.json}, including the segment paths against the directory. */
  public Manifest read() {
    Path file = dir.manifestFile();
    Manifest manifest = readContent();
    for (int i = 0; i < manifest.segments().size(); i++) {
      try {
        dir.resolveSegment(manifest.segments().get(i).file());
      } catch (IllegalArgumentException e) {
        throw new SpillFormatException(file, -1, "segments[" + i + "].file: " + e.getMessage(), e);
      }
    }
    return manifest;
  }

  /**
   * Reads and validates {@code manifest.json} on its own: every rule of the format, segment names
   * included, but without looking at the segment files (so {@code verify} can report a bad path at
   * its segment instead of refusing the whole manifest).
   */
  public Manifest readContent() {
    Path file = dir.manifestFile();
    return parse(file, readBounded(file));
  }

  /** Validates untrusted manifest JSON ({@code file} only names it in errors); no file-system checks. */
  public Manifest parse(Path file, byte[] json) {
    SpillJson.refuseByteOrderMark(file, 0, json, "manifest");
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toFormatException(file, 0, "manifest", e);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a byte array cannot fail", e);
    }
    checkFormatVersion(file, tree);
    try {
      return mapper.readValue(withOptionalMembers(tree, json), Manifest.class);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toFormatException(file, 0, "manifest", e);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a byte array cannot fail", e);
    }
  }

  /**
   * Every member is required when binding; {@code sources[].fingerprint} and
   * {@code tables[].notNullColumns}, added later in format version 2, may be absent (manifests
   * written before them): bound as null and as an empty list then. {@code tables[].distributeBy} and
   * {@code tables[].reference}, added later still, read as null and false when absent.
   */
  private byte[] withOptionalMembers(JsonNode tree, byte[] json) throws JsonProcessingException {
    boolean changed = false;
    JsonNode tables = tree.get("tables");
    if (tables != null && tables.isArray()) {
      for (JsonNode table : tables) {
        changed |= putIfAbsent(table, "notNullColumns", JsonNodeFactory.instance.arrayNode());
        changed |= putIfAbsent(table, "distributeBy", NullNode.instance);
        changed |= putIfAbsent(table, "reference", BooleanNode.FALSE);
      }
    }
    JsonNode sources = tree.get("sources");
    if (sources != null && sources.isArray()) {
      for (JsonNode source : sources) {
        changed |= putIfAbsent(source, "fingerprint", NullNode.instance);
      }
    }
    return changed ? mapper.writeValueAsBytes(tree) : json;
  }

  /**
   * Adds {@code member} as {@code value} to {@code node} when it is an object without that member
   * (an explicit null is a member); true when it did.
   */
  private static boolean putIfAbsent(JsonNode node, String member, JsonNode value) {
    return node instanceof ObjectNode object && object.putIfAbsent(member, value) == null;
  }

  private static void checkFormatVersion(Path file, JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new SpillFormatException(file, 0, "manifest is not a JSON object");
    }
    JsonNode version = tree.get("formatVersion");
    if (version == null) {
      throw new SpillFormatException(file, -1, "manifest has no formatVersion member (this spillway reads formatVersion "
          + Manifest.FORMAT_VERSION + ")");
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new SpillFormatException(file, -1, "manifest formatVersion must be an integer, found " + version);
    }
    if (version.intValue() != Manifest.FORMAT_VERSION) {
      throw new SpillFormatException(file, -1, "manifest formatVersion " + version.intValue()
          + " is not supported: this spillway reads formatVersion " + Manifest.FORMAT_VERSION);
    }
  }

  private static byte[] readBounded(Path file) {
    java.util.Optional<String> odd = SpillDirectory.notRegular(file);
    if (odd.isPresent()) {
      throw new SpillFormatException(file, -1, "manifest " + odd.get());
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > MAX_MANIFEST_BYTES) {
        throw new SpillFormatException(file, MAX_MANIFEST_BYTES, "manifest is " + size + " bytes, more than the maximum "
            + MAX_MANIFEST_BYTES);
      }
      InputStream in = Channels.newInputStream(ch);
      byte[] bytes = in.readNBytes((int) size);
      if (in.read() >= 0) {
        throw new SpillFormatException(file, size, "manifest grew while being read");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new SpillFormatException(file, -1, "no manifest: not a spill directory, or stage one never started", e);
    } catch (IOException e) {
      throw new SpillIoException(file, "reading manifest", e);
    }
  }
}
