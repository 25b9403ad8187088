package dev.spillway.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A source bound to one of its input files, made by {@link Plan#bind} once the file's header
 * (or first record) is read.
 *
 * @param source     the plan's source
 * @param file       the input file
 * @param fieldCount the number of fields every record of the file has
 * @param emits      the compiled emits, in the source's emit order (refs resolve in this order)
 */
public record BoundSource(SourceSpec source, Path file, int fieldCount, List<BoundEmit> emits) {
  public BoundSource {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(file, "file");
    emits = List.copyOf(emits);
  }
}
