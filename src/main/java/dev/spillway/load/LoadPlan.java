package dev.spillway.load;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.SpillDirectory;
import java.util.List;

/**
 * A spill directory that passed the pre-flight check ({@link SpillCheck}), resolved against the
 * target schema: what the loader works from. Immutable.
 *
 * @param dir      the spill directory
 * @param manifest its validated, complete manifest
 * @param schema   the schema tables load into (--schema, else the manifest's targetSchema)
 * @param tables   the tables in manifest order (parents first)
 */
public record LoadPlan(SpillDirectory dir, Manifest manifest, String schema, List<TablePlan> tables) {
  public LoadPlan {
    tables = List.copyOf(tables);
  }

  public String spillId() {
    return manifest.spillId();
  }

  public int segmentCount() {
    return manifest.segments().size();
  }
}
