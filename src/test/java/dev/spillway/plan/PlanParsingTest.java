package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ColumnType;
import dev.spillway.pgbinary.PgType;
import dev.spillway.plan.ValueExpr.Constant;
import dev.spillway.plan.ValueExpr.ForEachElement;
import dev.spillway.plan.ValueExpr.InputColumn;
import dev.spillway.plan.ValueExpr.Ref;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plan, parsed into records field by field. */
class PlanParsingTest {
  @TempDir
  Path dir;

  private Plan debianPlan() throws Exception {
    Path planFile = dir.resolve("plan.yaml");
    try (InputStream in = getClass().getResourceAsStream("debian-plan.yaml")) {
      Files.copy(in, planFile);
    }
    return Plan.load(planFile);
  }

  @Test
  void tablesKeepDeclarationOrderColumnsOrderTypesIdsAndKeys() throws Exception {
    Plan plan = debianPlan();
    assertEquals(1, plan.version());
    assertEquals("debian", plan.schema());
    assertEquals(List.of("maintainer", "package", "dependency", "package_tag"), plan.tables().stream().map(TableSpec::name).toList());

    TableSpec pkg = plan.table("package");
    assertEquals(List.of("id", "name", "version", "maintainer_id", "installed_kb", "description"), pkg.columnNames());
    assertEquals(ColumnType.of(PgType.INTEGER), pkg.column("installed_kb").type());
    assertEquals(ColumnType.of(PgType.BIGINT), pkg.column("maintainer_id").type());
    assertEquals(Optional.of("id"), pkg.idColumn());
    assertEquals(0, pkg.idOrdinal());
    assertEquals(List.of("name"), pkg.key());
    assertEquals(OnDuplicate.FIRST, pkg.onDuplicate());
    assertEquals(OnExisting.SKIP, pkg.onExisting());

    TableSpec dependency = plan.table("dependency");
    assertEquals(Optional.empty(), dependency.idColumn());
    assertEquals(-1, dependency.idOrdinal());
    assertEquals(List.of("package_id", "depends_on_id", "kind"), dependency.key());
    assertEquals(List.of(0, 1, 2), java.util.Arrays.stream(dependency.keyOrdinals()).boxed().toList());
  }

  @Test
  void referencesAndDependencyOrderComeFromTheRefs() throws Exception {
    Plan plan = debianPlan();
    assertEquals(Map.of(), plan.table("maintainer").references());
    assertEquals(Map.of("maintainer_id", "maintainer"), plan.table("package").references());
    assertEquals(List.of("package_id", "depends_on_id"), List.copyOf(plan.table("dependency").references().keySet()));
    assertEquals("package", plan.table("dependency").references().get("depends_on_id"));
    assertEquals(Map.of("package_id", "package"), plan.table("package_tag").references());
    assertEquals(List.of("maintainer", "package", "dependency", "package_tag"),
        plan.tablesInDependencyOrder().stream().map(TableSpec::name).toList());
    assertEquals(List.of("maintainer", "package", "package_tag", "dependency"), List.copyOf(plan.emittedTables()));
    assertTrue(plan.tablesFilledOnlyByDatabase().isEmpty());
  }

  @Test
  void sourcesFormatsAndEmits() throws Exception {
    Plan plan = debianPlan();
    assertEquals(2, plan.sources().size());
    SourceSpec packages = plan.sources().get(0);
    assertEquals(0, packages.index());
    assertEquals(List.of("debian_packages.csv"), packages.filePatterns());
    assertEquals(dir.toAbsolutePath(), packages.baseDirectory());
    assertEquals(CsvFormat.csv().withHeader(true), packages.format());
    assertEquals(List.of("maintainer", "package", "package_tag"), packages.emits().stream().map(Emit::table).toList());

    Emit pkg = packages.emits().get(1);
    assertEquals("sources[0].emit[1]", pkg.yamlPath());
    assertEquals(List.of("name", "version", "maintainer_id", "installed_kb", "description"), List.copyOf(pkg.values().keySet()));
    assertEquals(InputColumn.named("package"), pkg.values().get("name"));
    assertEquals(new Ref("maintainer", List.of(InputColumn.named("maintainer")), Missing.REJECT), pkg.values().get("maintainer_id"));
    assertTrue(pkg.forEach().isEmpty());

    Emit tags = packages.emits().get(2);
    assertEquals(new ForEach(InputColumn.named("tags"), ","), tags.forEach().orElseThrow());
    assertEquals(new ForEachElement(), tags.values().get("tag"));

    Emit dependency = plan.sources().get(1).emits().get(0);
    assertEquals(new Ref("package", List.of(InputColumn.named("depends_on")), Missing.SKIP), dependency.values().get("depends_on_id"));
  }

  @Test
  void scalarsKeepTheirTextAndDollarRulesApply() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          t: {columns: {a: text, b: text, c: text, d: text, e: text, f: text, g: text}}
        sources:
          - file: x.csv
            format: {header: true}
            emit:
              - table: t
                values: {a: 1.10, b: $$5, c: $3, d: ~, e: 'US$', f: "$_x", g: 010}
        """);
    Map<String, ValueExpr> values = plan.sources().get(0).emits().get(0).values();
    assertEquals(new Constant("1.10"), values.get("a"));
    assertEquals(new Constant("$5"), values.get("b"));
    assertEquals(InputColumn.at(3), values.get("c"));
    assertEquals(new Constant(null), values.get("d"));
    assertEquals(new Constant("US$"), values.get("e"));
    assertEquals(InputColumn.named("_x"), values.get("f"));
    assertEquals(new Constant("010"), values.get("g"));
    assertEquals("public", plan.schema());
    assertEquals(CsvFormat.csv().withHeader(true), plan.sources().get(0).format());
  }

  @Test
  void nestedRefsInKeysAndMissingCreateBuildReferencesOnKeyColumns() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          project: {columns: {id: bigint, index: text, name: text}, id: id, key: [index, name]}
          release: {columns: {id: bigint, project_id: bigint, version: text}, id: id, key: [project_id, version]}
          file: {columns: {release_id: bigint, filename: text}}
        sources:
          - file: files.tsv
            format: {type: tsv, header: true, null: '\\N', encoding: latin1}
            emit:
              - table: file
                values:
                  release_id: {ref: release, key: [{ref: project, key: [pypi, $name], missing: create}, $version], missing: create}
                  filename: $filename
        """);
    Ref ref = (Ref) plan.sources().get(0).emits().get(0).values().get("release_id");
    assertEquals(Missing.CREATE, ref.missing());
    assertEquals(new Ref("project", List.of(new Constant("pypi"), InputColumn.named("name")), Missing.CREATE), ref.key().get(0));
    assertEquals(Map.of("project_id", "project"), plan.table("release").references());
    assertEquals(Map.of("release_id", "release"), plan.table("file").references());
    assertEquals(List.of("project", "release", "file"), plan.tablesInDependencyOrder().stream().map(TableSpec::name).toList());
    CsvFormat format = plan.sources().get(0).format();
    assertEquals(CsvFormat.Type.TSV, format.type());
    assertEquals('\t', format.delimiter());
    assertNull(format.quote());
    assertNull(format.escape());
    assertEquals("\\N", format.nullString());
    assertEquals(StandardCharsets.ISO_8859_1, format.encoding());
    assertTrue(plan.tablesFilledOnlyByDatabase().isEmpty());
  }

  @Test
  void dependencyOrderPutsParentsFirstWhateverTheDeclarationOrder() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          child: {columns: {parent_id: bigint, x: text}}
          parent: {columns: {id: integer, grand_id: bigint, name: text}, id: id, key: [name]}
          grand: {columns: {id: bigint, name: text}, id: id, key: [name], on_duplicate: reject, on_existing: update}
          unrelated: {columns: {x: text}}
        sources:
          - file: [a.csv, 'b/*.csv']
            format: {header: true, delimiter: ';', quote: "'", null: NA}
            emit:
              - table: grand
                values: {name: $g}
              - table: parent
                values: {name: $p, grand_id: {ref: grand, key: [$g]}}
              - table: child
                values: {parent_id: {ref: parent, key: [$p], missing: null}, x: $x}
              - table: unrelated
                values: {x: $$}
        """);
    assertEquals(List.of("grand", "parent", "child", "unrelated"), plan.tablesInDependencyOrder().stream().map(TableSpec::name).toList());
    assertEquals(OnDuplicate.REJECT, plan.table("grand").onDuplicate());
    assertEquals(OnExisting.UPDATE, plan.table("grand").onExisting());
    SourceSpec source = plan.sources().get(0);
    assertEquals(List.of("a.csv", "b/*.csv"), source.filePatterns());
    assertEquals(new CsvFormat(CsvFormat.Type.CSV, true, ';', '\'', null, "NA", StandardCharsets.UTF_8,
        CsvFormat.DEFAULT_MAX_RECORD_CHARS), source.format());
    assertEquals(Missing.NULL, ((Ref) source.emits().get(2).values().get("parent_id")).missing());
    assertEquals(new Constant("$"), source.emits().get(3).values().get("x"));
  }

  @Test
  void aRefToATableNoSourceEmitsIsLeftToTheDatabase() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          package: {columns: {id: bigint, name: text}, id: id, key: [name]}
          download: {columns: {package_id: bigint, day: date}}
        sources:
          - file: downloads.csv
            format: {header: true}
            emit:
              - table: download
                values: {package_id: {ref: package, key: [$name]}, day: $day}
        """);
    assertEquals(java.util.Set.of("package"), plan.tablesFilledOnlyByDatabase());
    assertFalse(plan.emittedTables().contains("package"));
  }

  @Test
  void maxRecordCharsTakesBinaryUnitsAndIsBounded() {
    String yaml = """
        version: 1
        tables:
          t: {columns: {a: text}}
        sources:
          - file: a.csv
            format: {header: true, max_record_chars: %s}
            emit: [{table: t, values: {a: $a}}]
        """;
    assertEquals(256L << 20, PlanFixtures.parse(dir, yaml.formatted("256Mi")).sources().get(0).format().maxRecordChars());
    assertEquals(1000L, PlanFixtures.parse(dir, yaml.formatted("1000")).sources().get(0).format().maxRecordChars());
    assertEquals(List.of("sources[0].format.max_record_chars: max_record_chars 0 is outside 1 to 1Gi (1073741824): "
        + "a record is held in memory"), PlanFixtures.problems(dir, yaml.formatted("0")));
    assertEquals(List.of("sources[0].format.max_record_chars: max_record_chars 2Gi is outside 1 to 1Gi (1073741824): "
        + "a record is held in memory"), PlanFixtures.problems(dir, yaml.formatted("2Gi")));
    assertEquals(List.of("sources[0].format.max_record_chars: expected a number of characters, e.g. 1000000 or 64Mi, "
        + "got 'lots'"), PlanFixtures.problems(dir, yaml.formatted("lots")));
  }

  @Test
  void theHighestPositionASourceReadsCountsRefKeysAndForEach() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          p: {columns: {id: bigint, name: text}, id: id, key: [name]}
          t: {columns: {p_id: bigint, tag: text}}
        sources:
          - file: a.csv
            emit:
              - {table: p, values: {name: $2}}
              - {table: t, for_each: {value: $5}, values: {p_id: {ref: p, key: [$7]}, tag: $_}}
        """);
    assertEquals(7, plan.sources().get(0).highestPosition());
  }
}
