package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an input completely through {@link RecordSources}, as stage one does, collecting good and malformed records. */
final class SourceFixtures {
  private SourceFixtures() {}

  record Result(List<String> header, int fieldCount, List<SourceRecord> records, List<MalformedRecord> malformed) {
    List<List<String>> values() {
      return records.stream().map(SourceRecord::values).toList();
    }

    List<Long> lines() {
      return records.stream().map(SourceRecord::line).toList();
    }

    List<String> reasons() {
      return malformed.stream().map(MalformedRecord::reason).toList();
    }
  }

  /** A one-source plan reading {@code file} in {@code format}, emitting nothing (for readers that need no paths). */
  static SourceSpec source(Path file, CsvFormat format) {
    return new SourceSpec(0, file.resolveSibling("plan.yaml"), List.of(file.getFileName().toString()), format, List.of());
  }

  static Result readAll(Path file, CsvFormat format) {
    return readAll(InputFiles.filesOnly().open(file, false), source(file, format));
  }

  static Result readAll(InputBytes input, SourceSpec source) {
    List<MalformedRecord> malformed = new ArrayList<>();
    try (RecordSource reader = RecordSources.open(input, source, 0, malformed::add)) {
      List<SourceRecord> records = new ArrayList<>();
      for (SourceRecord r; (r = reader.next()) != null; ) {
        records.add(r);
      }
      return new Result(reader.header(), reader.fieldCount(), records, malformed);
    }
  }

  /** The first source of a plan given as YAML text (its file patterns relative to {@code dir}). */
  static SourceSpec planSource(Path dir, String yaml) {
    return Plan.parse(yaml, dir.resolve("plan.yaml")).sources().get(0);
  }
}
