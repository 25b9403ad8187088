package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.inspect.AllTypes;
import dev.spillway.segment.Compression;
import dev.spillway.segment.SpillColumn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cat --format tsv} writes PostgreSQL's text format; a source of {@code type: text} reads it
 * back to the same rows: spill, cat, spill the cat output, cat again, and the two texts are equal
 * byte for byte (NULLs, empty strings, backslashes, tabs, line breaks, {@code \.}, {@code \N} as
 * text, every type). And {@code type: tsv} (unchanged: no escapes, empty is NULL) does not, which is
 * why {@code text} exists.
 */
class TextFormatRoundTripTest {
  @TempDir
  Path tmp;

  private Path plan(String type) throws Exception {
    String columns = AllTypes.columns().stream().map(c -> "\"" + c.name() + "\": \"" + c.type().sqlName() + "\"")
        .collect(Collectors.joining(", "));
    String values = AllTypes.columns().stream().map(SpillColumn::name).map(n -> n + ": $" + n)
        .collect(Collectors.joining(", "));
    Path plan = tmp.resolve(type + "-plan.yaml");
    Files.writeString(plan, """
        version: 1
        tables:
          everything:
            columns: {%s}
        sources:
          - file: rows.tsv
            format: {type: %s, header: true}
            emit:
              - table: everything
                values: {%s}
        """.formatted(columns, type, values));
    return plan;
  }

  private String cat(Path spill, Path out) throws Exception {
    CliRun run = CliRun.of("cat", spill.toString(), "--table", "everything", "--format", "tsv", "--header", "-o", out.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void catTsvOutputSpilledAsTextGivesTheSameRowsBack() throws Exception {
    AllTypes.spill(tmp.resolve("first"), 400, Compression.NONE, 1 << 20);
    String first = cat(tmp.resolve("first"), tmp.resolve("rows.tsv"));
    assertTrue(first.contains("\\N") && first.contains("\\\\") && first.contains("\\n"), "the output exercises escapes");

    CliRun spill = CliRun.of("spill", "--plan=" + plan("text"), "--out=" + tmp.resolve("second"));
    assertEquals(ExitCode.OK, spill.exitCode(), spill.toString());
    assertEquals(first, cat(tmp.resolve("second"), tmp.resolve("again.tsv")));

    CliRun tsv = CliRun.of("spill", "--plan=" + plan("tsv"), "--out=" + tmp.resolve("third"));
    String third = tsv.exitCode() == ExitCode.OK ? cat(tmp.resolve("third"), tmp.resolve("tsv.tsv")) : "";
    assertTrue(!first.equals(third), "type: tsv keeps \\N and escapes as characters, so it cannot round-trip");
  }
}
