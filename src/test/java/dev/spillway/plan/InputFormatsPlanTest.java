package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan rules of the text and jsonl formats, JSON paths and standard input: each problem with its YAML path. */
class InputFormatsPlanTest {
  @TempDir
  Path dir;

  private static final String TABLES = """
      version: 1
      tables:
        node:
          columns: {id: bigint, name: text, props: jsonb}
          id: id
          key: [name]
        tag:
          columns: {node_id: bigint, tag: text}
      """;

  private List<String> problems(String sources) {
    return PlanFixtures.problems(dir, TABLES + sources);
  }

  @Test
  void jsonPathsCompileOnceWithThePlan() {
    Plan plan = PlanFixtures.parse(dir, TABLES + """
        sources:
          - file: g.jsonl
            format: {type: jsonl, max_record_chars: 16Mi}
            emit:
              - {table: node, values: {name: $.id, props: $.props}}
              - table: tag
                for_each: {value: $.props.tags}
                values: {node_id: {ref: node, key: [$.id]}, tag: $_.name}
        """);
    SourceSpec source = plan.sources().get(0);
    assertEquals(List.of(JsonPath.parse("$.id"), JsonPath.parse("$.props"), JsonPath.parse("$.props.tags")), source.jsonPaths(),
        "values, for_each values and ref keys, each path once, element paths not");
    assertEquals(List.of("id"), JsonPath.parse("$.id").steps());
    assertEquals(List.of("a", 0, "b.c", 12), JsonPath.parse("$.a[0][\"b.c\"][12]").steps());
    assertEquals(List.of(), JsonPath.parse("$.").steps());
    assertEquals(true, JsonPath.parse("$_.name").element());
    assertEquals(16L << 20, source.format().maxRecordChars());
  }

  @Test
  void badPathsAndPathsWhereTheyCannotBeRead() {
    assertEquals(List.of(
        "sources[0].emit[0].values.name: bad JSON path: empty member name at character 3 of $..a",
        "sources[0].emit[1].values.name: bad JSON path: expected an array index such as [0] or a quoted name such as "
            + "[\"a.b\"] at character 4 of $.a[x]",
        "sources[0].emit[2].values.name: $name names a column, but a jsonl record has none; use a JSON path such as $.name or $.a.b",
        "sources[0].emit[3].values.name: $_.name reads the current for_each element, but this emit has no for_each",
        "sources[1].emit[0].values.name: $.name is a JSON path, but this source's format is csv; JSON paths read format type jsonl"),
        problems("""
            sources:
              - file: g.jsonl
                format: {type: jsonl}
                emit:
                  - {table: node, values: {name: $..a}}
                  - {table: node, values: {name: '$.a[x]'}}
                  - {table: node, values: {name: $name}}
                  - {table: node, values: {name: $_.name}}
              - file: p.csv
                emit:
                  - {table: node, values: {name: $.name}}
            """));
  }

  @Test
  void formatKeysThatDoNotApplyToTheType() {
    assertEquals(List.of(
        "sources[0].format.quote: the text format has no quote character: backslash escapes are built in (\\t, \\n, \\\\, ...); "
            + "use type: csv for quoting",
        "sources[0].format.delimiter: the text format's delimiter must be one ASCII character other than a backslash, '.', "
            + "a lowercase letter or a digit (as in COPY), got 'n'",
        "sources[1].format.header: jsonl has no header: each line is one JSON value, read with paths such as $.name",
        "sources[1].format.encoding: JSON lines are UTF-8 (RFC 8259), got ISO-8859-1"),
        problems("""
            sources:
              - {file: a.txt, format: {type: text, quote: "'", delimiter: n}, emit: [{table: node, values: {name: $1}}]}
              - {file: b.jsonl, format: {type: jsonl, header: true, encoding: latin1}, emit: [{table: node, values: {name: $.n}}]}
            """));
  }

  @Test
  void anEscapeNeedsAQuoteCharacter() {
    // COPY's ESCAPE applies inside quotes only: without a quote character it would silently do nothing
    assertEquals(List.of(
        "sources[0].format.escape: the escape applies only inside quoted fields (COPY's ESCAPE) and type: tsv has no "
            + "quote character, so it would change nothing; remove it (for backslash escapes such as \\t use type: text)",
        "sources[1].format.escape: the escape applies only inside quoted fields (COPY's ESCAPE) and quote: null turns "
            + "quoting off, so it would change nothing; remove it (for backslash escapes such as \\t use type: text)",
        "sources[2].format.escape: the text format has no escape character: backslash escapes are built in (\\t, \\n, "
            + "\\\\, ...); use type: csv for quoting"),
        problems("""
            sources:
              - {file: a.tsv, format: {type: tsv, escape: '\\'}, emit: [{table: node, values: {name: $1}}]}
              - {file: b.csv, format: {quote: null, escape: '\\'}, emit: [{table: node, values: {name: $1}}]}
              - {file: c.txt, format: {type: text, escape: '\\'}, emit: [{table: node, values: {name: $1}}]}
              - {file: d.csv, format: {escape: '\\'}, emit: [{table: node, values: {name: $1}}]}
              - {file: e.tsv, format: {type: tsv, quote: '"', escape: '\\'}, emit: [{table: node, values: {name: $1}}]}
              - {file: f.csv, format: {quote: null, escape: null}, emit: [{table: node, values: {name: $1}}]}
            """));
  }

  @Test
  void skipBlankLinesIsACsvAndTextOption() {
    Plan plan = PlanFixtures.parse(dir, TABLES + """
        sources:
          - {file: a.csv, format: {skip_blank_lines: true}, emit: [{table: node, values: {name: $1}}]}
          - {file: b.txt, format: {type: text, skip_blank_lines: true}, emit: [{table: node, values: {name: $1}}]}
          - {file: c.csv, emit: [{table: node, values: {name: $1}}]}
        """);
    assertEquals(List.of(true, true, false),
        plan.sources().stream().map(source -> source.format().rules().skipBlankLines()).toList());
    assertEquals(List.of("sources[0].format.skip_blank_lines: expected true or false, got 'yes please'",
        "sources[1].format.skip_blank_lines: jsonl always skips blank lines (white space only): they are not records and "
            + "not counted"),
        problems("""
            sources:
              - {file: a.csv, format: {skip_blank_lines: yes please}, emit: [{table: node, values: {name: $1}}]}
              - {file: b.jsonl, format: {type: jsonl, skip_blank_lines: true}, emit: [{table: node, values: {name: $.n}}]}
            """));
  }

  @Test
  void theTextFormatDefaultsToCopysTabAndBackslashN() {
    Plan plan = PlanFixtures.parse(dir, TABLES + """
        sources:
          - {file: a.txt, format: {type: text, header: true}, emit: [{table: node, values: {name: $name}}]}
        """);
    CsvFormat format = plan.sources().get(0).format();
    assertEquals(CsvFormat.Type.TEXT, format.type());
    assertEquals('\t', format.delimiter());
    assertEquals("\\N", format.nullString());
    assertEquals(null, format.quote());
  }

  @Test
  void anElementPathReadsTheElementsTextWhenTheRecordIsNotAtHand() {
    java.util.function.IntFunction<String> copiedFields = i -> "copied";
    BoundValue.ElementPath name = new BoundValue.ElementPath(JsonPath.parse("$_.name"));
    BoundValue.ElementPath n = new BoundValue.ElementPath(JsonPath.parse("$_.a[1].n"));
    assertEquals("x", name.text(copiedFields, "{\"name\":\"x\",\"a\":[0,{\"n\":1.50}]}"));
    assertEquals("1.50", n.text(copiedFields, "{\"name\":\"x\",\"a\":[0,{\"n\":1.50}]}"));
    assertEquals(null, name.text(copiedFields, "plain string element"));
    assertEquals(null, name.text(copiedFields, null));
    assertEquals(null, name.text(copiedFields, "[1,2]"));
  }

  @Test
  void forEachOverAJsonValueGivenOnlyAsTextSplitsArraysAsArrays() {
    BoundEmit.BoundForEach tags = new BoundEmit.BoundForEach(new BoundValue.JsonField(0, JsonPath.parse("$.tags")),
        new ForEach(new ValueExpr.Json(JsonPath.parse("$.tags")), ","));
    assertEquals(java.util.Arrays.asList("a,b", null, "1e5", "{\"k\":[1.50]}"),
        tags.elements(i -> "[\"a,b\",null,1e5,{\"k\":[1.50]}]"), "an array's elements, numbers as written");
    assertEquals(List.of("{\"k\":1}"), tags.elements(i -> "{\"k\":1}"), "an object is one element");
    assertEquals(List.of("x", "y"), tags.elements(i -> "x, y"), "a string is split");
    assertEquals(List.of(), tags.elements(i -> null), "NULL has none");
  }

  @Test
  void theNullStringCannotHoldTheDelimiter() {
    String reason = "the null string 'a|b' holds the delimiter, so no field could match it (COPY refuses it too)";
    assertEquals(List.of("sources[0].format.null: " + reason, "sources[1].format.null: " + reason), problems("""
        sources:
          - {file: a.txt, format: {type: text, delimiter: '|', null: 'a|b'}, emit: [{table: node, values: {name: $1}}]}
          - {file: a.csv, format: {type: csv, delimiter: '|', null: 'a|b'}, emit: [{table: node, values: {name: $1}}]}
        """));
  }

  @Test
  void theCsvNullStringCannotHoldTheQuote() {
    assertEquals(List.of("sources[0].format.null: the null string '\"NA\"' holds the quote character, so no unquoted field"
        + " could match it (COPY refuses it too)"), problems("""
        sources:
          - {file: a.csv, format: {null: '"NA"'}, emit: [{table: node, values: {name: $1}}]}
        """));
  }

  /** What COPY refuses as a delimiter is refused with COPY's reason, whichever key says it. */
  @Test
  void delimitersCopyRefuses() {
    assertEquals(List.of(
        "sources[0].format.delimiter: the delimiter cannot be a line break: a line break ends the record (COPY refuses it too)",
        "sources[1].format.delimiter: the delimiter cannot be a line break: a line break ends the record (COPY refuses it too)",
        "sources[2].format.delimiter: the delimiter '\"' is the quote character, so a field could not be told from a quoted"
            + " one (COPY refuses it too); set quote: to another character, or quote: null for none",
        "sources[3].format.quote: the quote and the delimiter are both ';' (COPY refuses it too)",
        "sources[4].format.delimiter: expected one character, got '||' (the delimiter is a single character, as in COPY)",
        "sources[5].format.quote: the quote cannot be a line break: a line break ends the record (COPY refuses it too)"),
        problems("""
            sources:
              - {file: a.csv, format: {delimiter: "\\n"}, emit: [{table: node, values: {name: $1}}]}
              - {file: b.csv, format: {delimiter: "\\r"}, emit: [{table: node, values: {name: $1}}]}
              - {file: c.csv, format: {delimiter: '"'}, emit: [{table: node, values: {name: $1}}]}
              - {file: d.csv, format: {delimiter: ';', quote: ';'}, emit: [{table: node, values: {name: $1}}]}
              - {file: e.csv, format: {delimiter: '||'}, emit: [{table: node, values: {name: $1}}]}
              - {file: f.csv, format: {quote: "\\n"}, emit: [{table: node, values: {name: $1}}]}
            """));
  }

  @Test
  void theQuoteMayBeTheDelimiterWhenQuotingIsOff() {
    CsvFormat format = PlanFixtures.parse(dir, """
        version: 1
        tables: {node: {columns: {name: text}}}
        sources:
          - {file: a.csv, format: {delimiter: '"', quote: null}, emit: [{table: node, values: {name: $1}}]}
        """).sources().get(0).format();
    assertEquals('"', format.delimiter());
    assertEquals(null, format.quote());
  }

  @Test
  void standardInputIsReadByOneSourceOnce() {
    assertEquals(List.of("sources: standard input (file: \"-\") is named 2 times; it can be read by one source, once"),
        problems("""
            sources:
              - {file: "-", emit: [{table: node, values: {name: $1}}]}
              - {file: [a.csv, "-"], emit: [{table: node, values: {name: $1}}]}
            """));
    Plan plan = PlanFixtures.parse(dir, TABLES + """
        sources:
          - {file: "-", format: {type: jsonl}, emit: [{table: node, values: {name: $.n}}]}
        """);
    assertEquals(List.of(List.of(SourceSpec.STDIN)), plan.matchSourceFiles());
  }
}
