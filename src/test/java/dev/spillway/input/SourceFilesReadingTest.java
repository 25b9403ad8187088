package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.plan.BoundEmit;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.BoundValue;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose glob matches plain and gzipped files with different column orders: each file is
 * bound to its own header, so values land in the right columns.
 */
class SourceFilesReadingTest {
  @TempDir
  Path dir;

  private Plan plan() throws Exception {
    Path planFile = Files.writeString(dir.resolve("plan.yaml"), """
        version: 1
        tables:
          package: {columns: {id: bigint, name: text, maintainer: text}, id: id, key: [name]}
        sources:
          - file: 'parts/*.csv*'
            format: {header: true}
            emit:
              - {table: package, values: {name: $package, maintainer: $maintainer}}
        """);
    Files.createDirectories(dir.resolve("parts"));
    return Plan.load(planFile);
  }

  /** name|maintainer for every record of every file of the source, as stage one would compute them. */
  private static List<String> rows(Plan plan, SourceSpec source) {
    List<String> rows = new ArrayList<>();
    for (Path file : source.matchFiles()) {
      try (CsvReader reader = CsvReader.open(file, source.format(), m -> rows.add("malformed " + m))) {
        BoundSource bound = plan.bind(source, file, reader.header(), reader.fieldCount());
        BoundEmit emit = bound.emits().get(0);
        BoundValue.Text name = (BoundValue.Text) emit.column(1);
        BoundValue.Text maintainer = (BoundValue.Text) emit.column(2);
        for (InputRecord r; (r = reader.next()) != null; ) {
          rows.add(file.getFileName() + ":" + r.line() + " " + name.text(r::value, null) + "|" + maintainer.text(r::value, null));
        }
      }
    }
    return rows;
  }

  @Test
  void everyMatchedFileIsBoundToItsOwnHeader() throws Exception {
    Plan plan = plan();
    write(dir, "parts/a.csv", "package,maintainer\nbash,chet\n");
    write(dir, "parts/b.csv.gz", "maintainer,extra,package\n\"x\ny\",1,coreutils\n,2,\"\"\n");
    write(dir, "parts/c.txt", "not,matched\n");
    assertEquals(List.of("a.csv:2 bash|chet", "b.csv.gz:2 coreutils|x\ny", "b.csv.gz:4 |null"), rows(plan, plan.sources().get(0)));
  }

  @Test
  void aFileWhoseHeaderLacksAColumnIsReportedBeforeItsRecordsAreRead() throws Exception {
    Plan plan = plan();
    Path bad = write(dir, "parts/bad.csv", "package,maintainr\nbash,chet\n");
    PlanException e = assertThrows(PlanException.class, () -> rows(plan, plan.sources().get(0)));
    assertEquals(List.of("sources[0].emit[0].values.maintainer: column 'maintainer' is not in the header of " + bad
        + " (did you mean 'maintainr'?); the header has 'package', 'maintainr'"), e.problems());
  }

  @Test
  void anEscapeEqualToTheQuoteIsCopysDefault() {
    CsvFormat format = CsvFormat.csv().withEscape('"');
    assertEquals(CsvFormat.csv(), format);
    assertEquals(List.of(List.of("a\"b")), CsvFixtures.readAll(write(dir, "q.csv", "\"a\"\"b\"\n"), format).values());
  }
}
