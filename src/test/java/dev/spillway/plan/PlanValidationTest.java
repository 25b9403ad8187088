package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per validation rule: each problem is reported with its YAML path, and only it. */
class PlanValidationTest {
  @TempDir
  Path dir;

  /** A valid two-table plan that tests break in one place each. */
  private static final String TABLES = """
      version: 1
      tables:
        maintainer:
          columns: {id: bigint, name: text}
          id: id
          key: [name]
        package:
          columns: {id: bigint, name: text, maintainer_id: bigint, size: integer}
          id: id
          key: [name]
      """;

  private List<String> problems(String yaml) {
    return PlanFixtures.problems(dir, yaml);
  }

  private List<String> problemsWithSources(String sources) {
    return problems(TABLES + sources);
  }

  @Test
  void theBasePlanIsValid() {
    PlanFixtures.parse(dir, TABLES + """
        sources:
          - file: p.csv
            format: {header: true}
            emit:
              - table: maintainer
                values: {name: $m}
              - table: package
                values: {name: $p, maintainer_id: {ref: maintainer, key: [$m]}, size: $3}
        """);
  }

  @Test
  void unknownColumnInKey() {
    assertEquals(List.of("tables.package.key[0]: unknown column 'nam' (did you mean 'name'?); table 'package' has id, name"),
        problems("""
            version: 1
            tables:
              package: {columns: {id: bigint, name: text}, id: id, key: [nam]}
            sources:
              - {file: p.csv, format: {header: true}, emit: [{table: package, values: {name: $p}}]}
            """).subList(0, 1));
  }

  @Test
  void unknownIdColumn() {
    assertEquals(List.of("tables.t.id: unknown column 'ident'; table 't' has id, name"), problems("""
        version: 1
        tables:
          t: {columns: {id: bigint, name: text}, id: ident}
        sources:
          - {file: p.csv, emit: [{table: t, values: {name: x}}]}
        """));
  }

  @Test
  void unknownTableInEmit() {
    assertEquals(List.of("sources[0].emit[0].table: table 'pkg' is not defined"), problemsWithSources("""
        sources:
          - file: p.csv
            format: {header: true}
            emit:
              - table: pkg
                values: {name: $p}
        """));
  }

  @Test
  void unknownColumnInEmitValues() {
    assertEquals(List.of("sources[0].emit[0].values.nmae: unknown column 'nmae' (did you mean 'name'?); table 'maintainer' has id, name",
        "sources[0].emit[0].values: missing key column 'name' of table 'maintainer' (key [name]); every emit into a keyed table gives its whole key"),
        problemsWithSources("""
            sources:
              - file: p.csv
                format: {header: true}
                emit:
                  - table: maintainer
                    values: {nmae: $m}
            """));
  }

  @Test
  void refToAnUndefinedTable() {
    assertEquals(List.of("sources[1].emit[0].values.maintainer_id.ref: table 'maintainr' is not defined (did you mean 'maintainer'?)"),
        problemsWithSources("""
            sources:
              - {file: m.csv, format: {header: true}, emit: [{table: maintainer, values: {name: $m}}]}
              - file: p.csv
                format: {header: true}
                emit:
                  - table: package
                    values: {name: $p, maintainer_id: {ref: maintainr, key: [$m]}}
            """));
  }

  @Test
  void refToATableWithoutKey() {
    assertEquals(List.of("sources[0].emit[1].values.t_id.ref: table 't' has no key; a ref finds a row by its natural key"), problems("""
        version: 1
        tables:
          t: {columns: {id: bigint, name: text}, id: id}
          u: {columns: {t_id: bigint}}
        sources:
          - file: p.csv
            emit:
              - {table: t, values: {name: $1}}
              - {table: u, values: {t_id: {ref: t, key: [$1]}}}
        """));
  }

  @Test
  void refToATableWithoutId() {
    assertEquals(List.of("sources[0].emit[1].values.t_id.ref: table 't' has no id column; a ref stands for the referenced row's surrogate id"),
        problems("""
            version: 1
            tables:
              t: {columns: {name: text}, key: [name]}
              u: {columns: {t_id: bigint}}
            sources:
              - file: p.csv
                emit:
                  - {table: t, values: {name: $1}}
                  - {table: u, values: {t_id: {ref: t, key: [$1]}}}
            """));
  }

  @Test
  void keyArityMismatch() {
    assertEquals(List.of("sources[0].emit[1].values.maintainer_id.key: table 'maintainer' has a key of 1 column(s) [name], got 2 part(s)"),
        problemsWithSources("""
            sources:
              - file: p.csv
                format: {header: true}
                emit:
                  - {table: maintainer, values: {name: $m}}
                  - {table: package, values: {name: $p, maintainer_id: {ref: maintainer, key: [$m, $x]}}}
            """));
  }

  @Test
  void unknownType() {
    List<String> problems = problems("""
        version: 1
        tables:
          t: {columns: {a: text, b: integr}}
        sources:
          - {file: p.csv, emit: [{table: t, values: {a: $1}}]}
        """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("tables.t.columns.b: unknown type 'integr'; expected one of: boolean, smallint"), problems.get(0));
  }

  @Test
  void anUnquotedTypeWithACommaInAFlowMappingGetsOneProblemWithTheQuotedForm() {
    assertEquals(List.of("tables.orders.columns.amount: type 'numeric(10' ends inside its parentheses: in a flow mapping"
        + " {...} the comma of 'numeric(10,2)' ends the entry, and '2)' became a column of its own; quote types with a"
        + " comma in flow mappings: amount: \"numeric(10,2)\"",
        "tables.orders.columns.rate: type 'numeric(5' ends inside its parentheses: in a flow mapping {...} the comma of"
        + " 'numeric(5,1)' ends the entry, and '1)' became a column of its own; quote types with a comma in flow"
        + " mappings: rate: \"numeric(5,1)\""), problems("""
        version: 1
        tables:
          orders: {columns: {order_no: integer, amount: numeric(10,2), note: text, rate: numeric(5, 1)}}
        sources:
          - {file: p.csv, emit: [{table: orders, values: {order_no: $1, note: $2}}]}
        """));
  }

  @Test
  void anUnquotedArrayTypeInAFlowMappingIsASyntaxErrorWithAHint() {
    assertEquals(List.of("line 3, column 46: YAML syntax error: while parsing a flow mapping, expected ',' or '}', but"
        + " got [ (inside a flow mapping {...} quote a value holding [ ] or a comma, e.g. {tags: \"text[]\", amount:"
        + " \"numeric(10,2)\"})"), problems("""
        version: 1
        tables:
          t: {columns: {order_no: integer, tags: text[]}}
        sources:
          - {file: p.csv, emit: [{table: t, values: {order_no: $1}}]}
        """));
  }

  @Test
  void quotedOrInBlockStyleATypeWithACommaIsFine() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          orders: {columns: {order_no: integer, amount: "numeric(10,2)"}}
          lines:
            columns:
              amount: numeric(10,2)
        sources:
          - {file: p.csv, emit: [{table: orders, values: {order_no: $1}}, {table: lines, values: {amount: $2}}]}
        """);
    assertEquals("numeric(10,2)", plan.table("orders").columns().get(1).type().sqlName());
    assertEquals("numeric(10,2)", plan.table("lines").columns().get(0).type().sqlName());
  }

  @Test
  void idColumnMustBeBigintOrInteger() {
    assertEquals(List.of("tables.t.id: id column 'id' must be bigint or integer, not text"), problems("""
        version: 1
        tables:
          t: {columns: {id: text, name: text}, id: id, key: [name]}
        sources:
          - {file: p.csv, emit: [{table: t, values: {name: $1}}]}
        """));
  }

  @Test
  void idColumnGivenAValue() {
    assertEquals(List.of("sources[0].emit[0].values.id: column 'id' is the id column of table 'maintainer'; spillway fills it, an emit cannot give it a value"),
        problemsWithSources("""
            sources:
              - {file: p.csv, emit: [{table: maintainer, values: {id: $1, name: $2}}]}
            """));
  }

  @Test
  void keyColumnsMissingFromAnEmit() {
    assertEquals(List.of("sources[0].emit[0].values: missing key column 'b' of table 't' (key [a, b]); every emit into a keyed table gives its whole key"),
        problems("""
            version: 1
            tables:
              t: {columns: {a: text, b: text, c: text}, key: [a, b]}
            sources:
              - {file: p.csv, emit: [{table: t, values: {a: $1, c: $3}}]}
            """));
  }

  @Test
  void aCycleOfRefsIsValidAndOrderedDeterministically() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          a: {columns: {id: bigint, name: text, b_id: bigint}, id: id, key: [name]}
          b: {columns: {id: bigint, name: text, a_id: bigint}, id: id, key: [name]}
        sources:
          - file: p.csv
            emit:
              - {table: a, values: {name: $1, b_id: {ref: b, key: [$2]}}}
              - {table: b, values: {name: $2, a_id: {ref: a, key: [$1]}}}
        """);
    assertEquals(List.of("a", "b"), plan.tablesInDependencyOrder().stream().map(TableSpec::name).toList());
  }

  @Test
  void aSelfRefIsValid() {
    Plan plan = PlanFixtures.parse(dir, """
        version: 1
        tables:
          item: {columns: {id: bigint, name: text, category_id: bigint}, id: id, key: [name]}
          category: {columns: {id: bigint, name: text, parent_id: bigint}, id: id, key: [name]}
        sources:
          - file: c.csv
            emit:
              - {table: item, values: {name: $3, category_id: {ref: category, key: [$1]}}}
              - {table: category, values: {name: $1, parent_id: {ref: category, key: [$2]}}}
        """);
    assertEquals(java.util.Map.of("parent_id", "category"), plan.table("category").references());
    assertEquals(List.of("category", "item"), plan.tablesInDependencyOrder().stream().map(TableSpec::name).toList(),
        "a self-reference does not hold its table back");
  }

  @Test
  void forEachElementOutsideForEach() {
    assertEquals(List.of("sources[0].emit[0].values.name: $_ is the current for_each element, but this emit has no for_each"),
        problemsWithSources("""
            sources:
              - {file: p.csv, emit: [{table: maintainer, values: {name: $_}}]}
            """));
  }

  @Test
  void forEachElementInsideANestedRefKeyOutsideForEach() {
    assertEquals(List.of("sources[0].emit[1].values.maintainer_id.key[0]: $_ is the current for_each element, but this emit has no for_each"),
        problemsWithSources("""
            sources:
              - file: p.csv
                emit:
                  - {table: maintainer, values: {name: $1}}
                  - {table: package, values: {name: $2, maintainer_id: {ref: maintainer, key: [$_]}}}
            """));
  }

  @Test
  void missingRequiredFields() {
    assertEquals(List.of("version: required field is missing", "tables: required field is missing", "sources: required field is missing"),
        problems("schema: x\n"));
    assertEquals(List.of("tables.t.columns: required field is missing", "sources[0].file: required field is missing",
        "sources[0].emit[0].values: required field is missing", "sources[0].emit[1].table: required field is missing",
        "sources[0].emit[2].values.a.key: required field is missing"), problems("""
        version: 1
        tables:
          t: {id: id}
          u: {columns: {a: bigint}}
        sources:
          - emit:
              - {table: t}
              - {values: {a: $1}}
              - {table: u, values: {a: {ref: t}}}
        """));
  }

  @Test
  void unknownFieldsAreTypos() {
    assertEquals(List.of("tables.t.colums: unknown field (did you mean 'columns'?); expected one of: columns, id, key, on_duplicate, on_existing, not_null, defaults, distribute_by, reference",
        "tables.t.columns: required field is missing",
        "sources[0].emit[0].valeus: unknown field (did you mean 'values'?); expected one of: table, when, for_each, values",
        "sources[0].emit[0].values: required field is missing"), problems("""
        version: 1
        tables:
          t: {colums: {a: text}}
        sources:
          - {file: p.csv, emit: [{table: t, valeus: {a: $1}}]}
        """));
    assertEquals(List.of("sourcse: unknown field (did you mean 'sources'?); expected one of: version, schema, time_zone, tables, sources",
        "sources: required field is missing"), problems(TABLES + "sourcse: []\n"));
  }

  @Test
  void aRefToATableOnlyALaterSourceOrEmitFillsIsValid() {
    PlanFixtures.parse(dir, TABLES + """
        sources:
          - {file: p.csv, emit: [{table: package, values: {name: $1, maintainer_id: {ref: maintainer, key: [$2]}}}]}
          - {file: m.csv, emit: [{table: maintainer, values: {name: $1}}]}
        """);
    PlanFixtures.parse(dir, TABLES + """
        sources:
          - file: p.csv
            emit:
              - {table: package, values: {name: $1, maintainer_id: {ref: maintainer, key: [$2]}}}
              - {table: maintainer, values: {name: $2}}
        """);
  }

  @Test
  void missingCreateMakesALaterSourceFine() {
    PlanFixtures.parse(dir, TABLES + """
        sources:
          - {file: p.csv, emit: [{table: package, values: {name: $1, maintainer_id: {ref: maintainer, key: [$2], missing: create}}}]}
          - {file: m.csv, emit: [{table: maintainer, values: {name: $1}}]}
        """);
  }

  @Test
  void aRefLandsInABigintOrIntegerColumn() {
    assertEquals(List.of("sources[0].emit[1].values.m: column 'm' of table 'u' receives a ref (a surrogate id) and must be bigint or integer, not text"),
        problems(TABLES.replace("tables:\n", "tables:\n  u: {columns: {m: text}}\n") + """
            sources:
              - file: p.csv
                emit:
                  - {table: maintainer, values: {name: $1}}
                  - {table: u, values: {m: {ref: maintainer, key: [$1]}}}
            """));
  }

  @Test
  void aNestedRefLandsInABigintKeyColumn() {
    assertEquals(List.of("sources[0].emit[1].values.release_id.key[0]: key column 'project' of table 'release' receives a ref (a surrogate id) "
        + "and must be bigint or integer, not text"), problems("""
        version: 1
        tables:
          project: {columns: {id: bigint, name: text}, id: id, key: [name]}
          release: {columns: {id: bigint, project: text, version: text}, id: id, key: [project, version]}
          file: {columns: {release_id: bigint}}
        sources:
          - file: f.csv
            emit:
              - {table: project, values: {name: $1}}
              - {table: file, values: {release_id: {ref: release, key: [{ref: project, key: [$1]}, $2], missing: create}}}
        """));
  }

  @Test
  void headerNamesNeedAHeader() {
    assertEquals(List.of("sources[0].emit[0].values.name: $name names a header column, but format.header is false; "
        + "use a position such as $1 or set header: true"), problemsWithSources("""
        sources:
          - {file: p.csv, format: {type: csv}, emit: [{table: maintainer, values: {name: $name}}]}
        """));
  }

  @Test
  void forEachSplitsAColumnNotARef() {
    assertEquals(List.of("sources[0].emit[1].for_each.value: for_each splits an input column or a constant, not {ref: maintainer, key: [$1], missing: reject}"),
        problemsWithSources("""
            sources:
              - file: p.csv
                emit:
                  - {table: maintainer, values: {name: $1}}
                  - {table: maintainer, for_each: {value: {ref: maintainer, key: [$1]}}, values: {name: $_}}
            """));
  }

  @Test
  void enumsListTheirSpellings() {
    assertEquals(List.of("tables.t.on_duplicate: expected one of first, reject, error, got 'last'",
        "sources[0].emit[1].values.u.missing: expected one of reject, skip, null, create, error, got 'ignore'"), problems("""
        version: 1
        tables:
          t: {columns: {id: bigint, a: text}, id: id, key: [a], on_duplicate: last}
          u: {columns: {u: bigint}}
        sources:
          - file: p.csv
            emit:
              - {table: t, values: {a: $1}}
              - {table: u, values: {u: {ref: t, key: [$1], missing: ignore}}}
        """));
  }

  @Test
  void onDuplicateAndOnExistingNeedAKey() {
    assertEquals(List.of("tables.t.on_duplicate: table 't' has no key; duplicates are detected by natural key",
        "tables.t.on_existing: table 't' has no key; existing rows are found by natural key"), problems("""
        version: 1
        tables:
          t: {columns: {a: text}, on_duplicate: error, on_existing: update}
        sources:
          - {file: p.csv, emit: [{table: t, values: {a: $1}}]}
        """));
  }

  @Test
  void keyMustNotContainTheIdColumnOrRepeatAColumn() {
    assertEquals(List.of("tables.t.key[0]: key column 'id' is the id column, which spillway fills; a natural key comes from the data",
        "tables.t.key[2]: column 'a' is already in the key"), problems("""
        version: 1
        tables:
          t: {columns: {id: bigint, a: text}, id: id, key: [id, a, a]}
        sources:
          - {file: p.csv, emit: [{table: t, values: {a: $1}}]}
        """));
  }

  @Test
  void aJsonColumnCannotBeInAKey() {
    // json has no equality operator: the unique index on the key could not be built
    assertEquals(List.of("tables.t.key[0]: key column 'doc' is json, which has no equality in PostgreSQL, so no unique "
            + "index can hold the key; use jsonb (compared by value) or text (compared as written)",
        "tables.t.key[1]: key column 'docs' is json[], which has no equality in PostgreSQL, so no unique index can hold "
            + "the key; use jsonb (compared by value) or text (compared as written)"), problems("""
        version: 1
        tables:
          t: {columns: {id: bigint, doc: json, docs: 'json[]', b: jsonb, c: 'jsonb[]'}, id: id, key: [doc, docs, b, c]}
          u: {columns: {t_id: bigint}}
        sources:
          - {file: p.csv, emit: [{table: t, values: {doc: $1, docs: $2, b: $3, c: $4}}, {table: u, values: {t_id: {ref: t, key: [$1, $2, $3, $4]}}}]}
        """));
  }

  @Test
  void aColumnRefsOneTableOnly() {
    assertEquals(List.of("sources[0].emit[2].values.x_id: column 'x_id' of table 'u' already refs table 'a' (at sources[0].emit[1].values.x_id); "
        + "a column can reference one table only"), problems("""
        version: 1
        tables:
          a: {columns: {id: bigint, n: text}, id: id, key: [n]}
          b: {columns: {id: bigint, n: text}, id: id, key: [n]}
          u: {columns: {x_id: bigint}}
        sources:
          - file: p.csv
            emit:
              - {table: a, values: {n: $1}}
              - {table: u, values: {x_id: {ref: a, key: [$1]}}}
              - {table: u, values: {x_id: {ref: b, key: [$1], missing: create}}}
        """));
  }

  @Test
  void formatProblems() {
    assertEquals(List.of("sources[0].format.header: expected true or false, got 'sometimes'",
        "sources[0].format.delimiter: expected one character, got ';;' (the delimiter is a single character, as in COPY)",
        "sources[0].format.encoding: unknown encoding 'utf-9'; e.g. UTF-8, LATIN1 (ISO-8859-1), WIN1252 (windows-1252): PostgreSQL's names or Java's",
        "sources[1].format.type: expected one of csv, tsv, text, jsonl, got 'xlsx'",
        "sources[2].format.nul: unknown field (did you mean 'null'?); expected one of: type, header, delimiter, quote, "
            + "escape, null, encoding, max_record_chars, comment, skip_lines, missing_fields, extra_fields, skip_blank_lines",
        "sources[2].format.quote: the quote and the delimiter are both ',' (COPY refuses it too)"),
        problemsWithSources("""
            sources:
              - {file: p.csv, format: {delimiter: ';;', encoding: utf-9, header: sometimes}, emit: [{table: maintainer, values: {name: $1}}]}
              - {file: q.csv, format: {type: xlsx}, emit: [{table: maintainer, values: {name: $1}}]}
              - {file: r.csv, format: {quote: ',', nul: x}, emit: [{table: maintainer, values: {name: $1}}]}
            """));
  }

  @Test
  void badValueExpressions() {
    assertEquals(List.of("sources[0].emit[0].values.name: '$' alone names no column; write $$ for a literal dollar sign",
        "sources[0].emit[1].values.name: input positions start at $1, got $0",
        "sources[0].emit[2].values.name: expected a value: $column, $N, $_, $#, a constant, a function such as {trim: $x} or {ref: table, key: [...]}, got a list"),
        problemsWithSources("""
            sources:
              - file: p.csv
                emit:
                  - {table: maintainer, values: {name: $}}
                  - {table: maintainer, values: {name: $0}}
                  - {table: maintainer, values: {name: [a, b]}}
            """));
  }

  @Test
  void yamlLevelProblems() {
    assertEquals(List.of("tables.maintainer.key: duplicate key 'key'"),
        problems(TABLES.replace("    key: [name]\n  package", "    key: [name]\n    key: [id]\n  package") + """
            sources:
              - {file: p.csv, emit: [{table: maintainer, values: {name: $1}}]}
            """));
    List<String> syntax = problems("version: 1\ntables: [a, b\nsources: x\n");
    assertEquals(1, syntax.size());
    assertTrue(syntax.get(0).startsWith("line 3, column "), syntax.get(0));
    assertTrue(syntax.get(0).contains("YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got :"), syntax.get(0));
    assertEquals(List.of("the plan is empty"), problems(""));
    assertEquals(List.of("version: unsupported plan version '2'; this spillway reads version 1"),
        problems(TABLES.replace("version: 1", "version: 2") + "sources: [{file: p.csv, emit: [{table: maintainer, values: {name: $1}}]}]\n"));
  }

  @Test
  void identifiersMustFitPostgresLimit() {
    String longName = "x".repeat(64);
    assertEquals(List.of("schema: schema name is 64 bytes long; PostgreSQL keeps only 63 and would truncate it",
        "tables." + longName + ": table name is 64 bytes long; PostgreSQL keeps only 63 and would truncate it",
        "tables." + longName + ".columns.é" + "y".repeat(62) + ": column name is 64 bytes long; PostgreSQL keeps only 63 and would truncate it"),
        problems("version: 1\nschema: " + longName + "\ntables:\n  " + longName + ": {columns: {é" + "y".repeat(62) + ": text}}\n"
            + "sources: [{file: p.csv, emit: [{table: " + longName + ", values: {é" + "y".repeat(62) + ": $1}}]}]\n"));
    PlanFixtures.parse(dir, "version: '1'\ntables:\n  " + "t".repeat(63) + ": {columns: {a: text}}\n"
        + "sources: [{file: p.csv, emit: [{table: " + "t".repeat(63) + ", values: {a: $1}}]}]\n");
  }

  @Test
  void severalProblemsAreReportedTogether() {
    PlanException e = assertThrows(PlanException.class, () -> PlanFixtures.parse(dir, """
        version: 1
        tables:
          package:
            colums: {id: bigint}
          maintainer: {columns: {id: text, name: txt}, id: id, key: [nam]}
        sources:
          - file: p.csv
            emit:
              - {table: pkg, values: {name: $1}}
              - {table: maintainer, values: {name: $_, id: $2}}
        """));
    assertEquals(List.of(
        "tables.package.colums: unknown field (did you mean 'columns'?); expected one of: columns, id, key, on_duplicate, on_existing, not_null, defaults, distribute_by, reference",
        "tables.package.columns: required field is missing",
        "tables.maintainer.columns.name: unknown type 'txt'; expected one of: boolean, smallint, integer, bigint, real, double precision, "
            + "numeric[(p,s)], text, varchar(n), char(n), bytea, date, time, timestamp, timestamptz, interval, uuid, json, jsonb, inet, "
            + "or one of these followed by []",
        "tables.maintainer.id: id column 'id' must be bigint or integer, not text",
        "tables.maintainer.key[0]: unknown column 'nam' (did you mean 'name'?); table 'maintainer' has id, name",
        "sources[0].emit[0].table: table 'pkg' is not defined",
        "sources[0].emit[1].values.name: $_ is the current for_each element, but this emit has no for_each"), e.problems());
    assertTrue(e.getMessage().startsWith("invalid plan " + dir.resolve("plan.yaml") + ": 7 problem(s):\n  tables.package.colums"), e.getMessage());
  }

  @Test
  void anUnreadablePlanFileIsAPlanException() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    PlanException e = assertThrows(PlanException.class, () -> Plan.load(missing));
    assertTrue(e.problems().get(0).startsWith("cannot read the plan file"), e.problems().toString());
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'v', ':', ' ', (byte) 0xE9, '\n'});
    assertEquals(List.of("the plan file is not valid UTF-8"), assertThrows(PlanException.class, () -> Plan.load(latin1)).problems());
  }
}
