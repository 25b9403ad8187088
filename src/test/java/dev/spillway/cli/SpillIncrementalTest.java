package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import picocli.CommandLine;

/**
 * Incremental loads ({@code --url}): the id maps are seeded from the rows already in the target
 * tables, new ids start above the largest existing one, existing dimension rows are not emitted
 * again (unless on_existing: update), and keys match the server's text output after canonicalising
 * ({@code 1.5} in the CSV is the database's {@code 1.50}).
 */
@ExtendWith(PgExtension.class)
class SpillIncrementalTest {
  @TempDir
  Path tmp;
  private final StringWriter err = new StringWriter();

  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        maintainer: {columns: {id: bigint, name: text, email: text}, id: id, key: [name], on_existing: %s}
        package: {columns: {id: bigint, name: text, maintainer_id: bigint, size: "numeric(6,2)"}, id: id, key: [name, size]}
        package_tag: {columns: {package_id: bigint, tag: text}, key: [package_id, tag]}
      sources:
        - file: packages.csv
          format: {type: csv, header: true}
          emit:
            - table: maintainer
              values: {name: $maintainer, email: $email}
            - table: package
              values: {name: $package, size: $size, maintainer_id: {ref: maintainer, key: [$maintainer]}}
            - table: package_tag
              values: {package_id: {ref: package, key: [$package, $size]}, tag: $tag}
      """;

  private void existingDatabase(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE maintainer (id bigint, name text, email text)");
    db.execute("INSERT INTO maintainer VALUES (1, 'ann', 'a@x'), (5, 'bob', 'b@x')");
    db.execute("CREATE TABLE package (id bigint, name text, maintainer_id bigint, size numeric(6,2))");
    db.execute("INSERT INTO package VALUES (3, 'old', 1, 1.50)");
    db.execute("CREATE TABLE package_tag (package_id bigint, tag text)");
    db.execute("INSERT INTO package_tag VALUES (3, 'x')");
    Files.writeString(tmp.resolve("packages.csv"), """
        package,size,maintainer,email,tag
        old,1.5,ann,new-a@x,x
        old,1.5,ann,,y
        new,2,carol,c@x,x
        newer,3,bob,,z
        """);
  }

  private int spill(TestDatabase db, String onExisting) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, PLAN.formatted(db.schema(), onExisting));
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(err));
    String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.user() + "@");
    // the one spelling: --incremental, here with psql's -d holding a URI
    return cmd.execute("spill", "-q", "--plan", plan.toString(), "--out", tmp.resolve("out").toString(), "--incremental",
        "-d", url);
  }

  @Test
  void connectionOptionsWithoutIncrementalAreAUsageError(TestDatabase db) throws Exception {
    existingDatabase(db);
    Files.writeString(tmp.resolve("plan.yaml"), PLAN.formatted(db.schema(), "skip"));
    CliRun r = CliRun.of("spill", "-q", "--plan", tmp.resolve("plan.yaml").toString(), "--out",
        tmp.resolve("out").toString(), "-h", "127.0.0.1");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("used only with --incremental"), r.err());
  }

  @Test
  void existingRowsSeedTheMapsAndAreNotEmittedAgain(TestDatabase db) throws Exception {
    existingDatabase(db);
    assertEquals(ExitCode.OK, spill(db, "skip"), err.toString());
    Manifest manifest = manifest();
    assertEquals(new RowCounters(4, 1, 3, 0, 0), counters(manifest, "maintainer"), "ann and bob exist: duplicates");
    assertEquals(new RowCounters(4, 2, 2, 0, 0), counters(manifest, "package"), "(old, 1.5) is the database's (old, 1.50)");
    assertEquals(new RowCounters(4, 3, 1, 0, 0), counters(manifest, "package_tag"));

    load(db, manifest);
    assertEquals(List.of(row("1", "ann", "a@x"), row("5", "bob", "b@x"), row("6", "carol", "c@x")),
        rows(db, "SELECT id, name, email FROM maintainer ORDER BY id"), "new ids above the largest existing id");
    assertEquals(List.of(row("3", "old", "1", "1.50"), row("4", "new", "6", "2.00"), row("5", "newer", "5", "3.00")),
        rows(db, "SELECT id, name, maintainer_id, size FROM package ORDER BY id"));
    assertEquals(List.of(row("3", "x"), row("3", "y"), row("4", "x"), row("5", "z")),
        rows(db, "SELECT package_id, tag FROM package_tag ORDER BY 1, 2"));
  }

  @Test
  void onExistingUpdateEmitsTheFirstRowPerExistingKeyWithItsId(TestDatabase db) throws Exception {
    existingDatabase(db);
    assertEquals(ExitCode.OK, spill(db, "update"), err.toString());
    Manifest manifest = manifest();
    assertEquals(new RowCounters(4, 3, 1, 0, 0), counters(manifest, "maintainer"));
    db.execute("CREATE TABLE maintainer_new (id bigint, name text, email text)");
    load(db, manifest, "maintainer", "maintainer_new");
    assertEquals(List.of(row("1", "ann", "new-a@x"), row("5", "bob", null), row("6", "carol", "c@x")),
        rows(db, "SELECT id, name, email FROM maintainer_new ORDER BY id"), "what stage two upserts, existing ids kept");
  }

  @Test
  void refsToATableOnlyTheDatabaseFillsResolveThroughIt(TestDatabase db) throws Exception {
    existingDatabase(db);
    Files.writeString(tmp.resolve("plan.yaml"), """
        version: 1
        schema: %s
        tables:
          maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
          package: {columns: {id: bigint, name: text, maintainer_id: bigint}, id: id, key: [name]}
        sources:
          - file: packages.csv
            format: {type: csv, header: true}
            emit:
              - table: package
                values: {name: $package, maintainer_id: {ref: maintainer, key: [$maintainer]}}
        """.formatted(db.schema()));
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(err));
    String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.user() + "@");
    assertEquals(ExitCode.OK, cmd.execute("spill", "-q", "--plan", tmp.resolve("plan.yaml").toString(), "--out",
        tmp.resolve("out").toString(), "--url", url), err.toString()); // the old spelling, deprecated
    assertTrue(err.toString().contains("spill --url without --incremental is deprecated"), err.toString());
    Manifest manifest = manifest();
    assertEquals(new RowCounters(4, 1, 2, 0, 1), counters(manifest, "package"), "old exists (twice), carol is missing");
    String rejects = Files.readString(tmp.resolve("out/rejects.csv"));
    assertTrue(rejects.contains("packages.csv,4,package,maintainer_id,carol,missing ref maintainer['carol']"), rejects);
  }

  private Manifest manifest() {
    return new ManifestStore(SpillDirectory.open(tmp.resolve("out"))).read();
  }

  private static RowCounters counters(Manifest m, String table) {
    return m.table(table).orElseThrow().counters();
  }

  private void load(TestDatabase db, Manifest manifest) throws Exception {
    for (String table : List.of("maintainer", "package", "package_tag")) {
      load(db, manifest, table, table);
    }
  }

  private void load(TestDatabase db, Manifest manifest, String table, String into) throws Exception {
    try (Connection c = db.connect()) {
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      for (SealedSegment s : manifest.segmentsOf(table)) {
        try (InputStream in = Files.newInputStream(tmp.resolve("out").resolve(s.file()))) {
          copy.copyIn("COPY " + into + " FROM STDIN (FORMAT binary)", in);
        }
      }
    }
  }

  private static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  private static List<List<String>> rows(TestDatabase db, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
