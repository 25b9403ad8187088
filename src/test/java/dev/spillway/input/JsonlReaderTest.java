package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.JsonElements;
import dev.spillway.plan.JsonPath;
import dev.spillway.plan.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonlReader}: every value form of a JSON path, and the awkward lines of real files. */
class JsonlReaderTest {
  @TempDir
  Path dir;

  /** A jsonl source reading {@code paths} (as columns c0, c1, ... of one text table). */
  private SourceSpec source(String file, String... paths) {
    StringBuilder columns = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < paths.length; i++) {
      columns.append(i == 0 ? "" : ", ").append("c").append(i).append(": text");
      values.append(i == 0 ? "" : ", ").append("c").append(i).append(": '").append(paths[i].replace("'", "''")).append("'");
    }
    return SourceFixtures.planSource(dir, """
        version: 1
        tables:
          t: {columns: {%s}}
        sources:
          - file: %s
            format: {type: jsonl}
            emit:
              - table: t
                values: {%s}
        """.formatted(columns, file, values));
  }

  private SourceFixtures.Result read(SourceSpec source, Path file) {
    return SourceFixtures.readAll(InputFiles.filesOnly().open(file, false), source);
  }

  @Test
  void everyValueFormBecomesItsColumnText() {
    Path file = write(dir, "v.jsonl", String.join("\n",
        "{\"s\":\"text\",\"i\":12345678901234567890123,\"f\":1.50,\"e\":1e5,\"t\":true,\"n\":null,"
            + "\"o\":{\"b\": [1, 2.0, \"x\"] , \"a\":null},\"arr\":[\"a\",{\"k\":\"v\"}],\"deep\":{\"a\":{\"b\":{\"c\":[0,1,{\"d\":\"deep\"}]}}},"
            + "\"dot.ted\":\"quoted name\",\"u\":\"é€𝄞 \\u00e9\\n\\t\\\"q\\\"\\\\ \\ud834\\udd1e\"}",
        "[1,2]"));
    SourceSpec source = source("v.jsonl", "$.s", "$.i", "$.f", "$.e", "$.t", "$.n", "$.absent", "$.o", "$.arr", "$.arr[0]",
        "$.arr[1].k", "$.arr[5]", "$.deep.a.b.c[2].d", "$[\"dot.ted\"]", "$.u", "$.s.not_an_object", "$.", "$[1]");
    SourceFixtures.Result r = read(source, file);
    assertEquals(List.of(), r.malformed());
    assertEquals(Arrays.asList("text", "12345678901234567890123", "1.50", "1e5", "true", null, null,
        "{\"b\": [1, 2.0, \"x\"] , \"a\":null}", "[\"a\",{\"k\":\"v\"}]", "a", "v", null, "deep", "quoted name",
        "é€𝄞 é\n\t\"q\"\\ 𝄞", null, r.values().get(0).get(16), null), r.values().get(0));
    assertTrue(r.values().get(0).get(16).startsWith("{\"s\":\"text\",\"i\":12345678901234567890123,\"f\":1.50,\"e\":1e5,"),
        r.values().get(0).get(16));
    assertEquals("[1,2]", r.values().get(1).get(16), "$. of a line that is an array");
    assertEquals("2", r.values().get(1).get(17));
    assertEquals(null, r.values().get(1).get(0), "$.s of an array");
  }

  /**
   * Regression (A7): objects were re-serialised, so a repeated member collapsed even into a json
   * column. Objects and arrays are now the text of the line, as a csv source into json keeps it.
   */
  @Test
  void objectsAndArraysAreTheirTextInTheLineRepeatedMembersAndSpacesIncluded() {
    String line = "{\"id\": 3, \"name\": \"dup\", \"name\": \"dup2\", \"o\": {\"a\":1,  \"a\":[2, {\"é\":\"\\u00e9\"}]}}";
    Path file = write(dir, "dup.jsonl", "  " + line + " \t\r\n[ 1 ,2 ]\n");
    SourceFixtures.Result r = read(source("dup.jsonl", "$.", "$.name", "$.o", "$.o.a", "$.o.a[1]"), file);
    assertEquals(List.of(), r.malformed());
    assertEquals(List.of(line, "dup2", "{\"a\":1,  \"a\":[2, {\"é\":\"\\u00e9\"}]}", "[2, {\"é\":\"\\u00e9\"}]",
        "{\"é\":\"\\u00e9\"}"), r.values().get(0), "the last of repeated members is the one paths read, as in jsonb");
    assertEquals("[ 1 ,2 ]", r.values().get(1).get(0));
  }

  @Test
  void aMalformedLineIsRejectedWithItsLineAndReasonAndTheNextLineGoesOn() {
    Path file = write(dir, "m.jsonl", bytes("\uFEFF{\"a\":1}\r\n", "{\"a\":2,}\r\n", "\r\n", "  \n", "{\"a\":3} {\"a\":4}\n",
        "{\"a\":", 0xFF, "}\n", "{\"a\":\"unterminated\n", "{\"a\":5}"));
    SourceFixtures.Result r = read(source("m.jsonl", "$.a"), file);
    assertEquals(List.of(List.of("1"), List.of("5")), r.values());
    assertEquals(List.of(1L, 8L), r.lines(), "BOM dropped, CRLF lines counted, blank lines skipped");
    assertEquals(List.of(2L, 5L, 6L, 7L), r.malformed().stream().map(MalformedRecord::line).toList());
    assertTrue(r.reasons().get(0).startsWith("malformed JSON: Unexpected character ('}'"), r.reasons().get(0));
    assertTrue(r.reasons().get(0).endsWith("(column 8)"), r.reasons().get(0));
    assertEquals("{\"a\":2,}", r.malformed().get(0).rawText());
    assertEquals("more than one JSON value on the line", r.reasons().get(1));
    assertTrue(r.reasons().get(2).startsWith("malformed JSON: Invalid UTF-8"), r.reasons().get(2));
    assertTrue(r.reasons().get(3).startsWith("malformed JSON: Unexpected end-of-input"), r.reasons().get(3));
  }

  @Test
  void aTenMegabyteRecordIsReadAndALongerOneThanTheBoundIsRejected() {
    String big = "x".repeat(10 << 20);
    Path file = write(dir, "big.jsonl", "{\"id\":1,\"blob\":\"" + big + "\",\"after\":\"end\"}\n{\"id\":2}\n");
    SourceFixtures.Result r = read(source("big.jsonl", "$.id", "$.blob", "$.after"), file);
    assertEquals(List.of(), r.malformed());
    assertEquals(2, r.records().size());
    assertEquals(big, r.values().get(0).get(1));
    assertEquals("end", r.values().get(0).get(2));

    SourceSpec bounded = source("big.jsonl", "$.id");
    bounded = new SourceSpec(0, bounded.planFile(), bounded.filePatterns(), bounded.format().withMaxRecordChars(1 << 20),
        bounded.emits());
    SourceFixtures.Result cut = read(bounded, file);
    assertEquals(List.of(List.of("2")), cut.values());
    assertEquals(List.of("record longer than 1048576 bytes (max_record_chars)"), cut.reasons());
    assertEquals(CsvReader.RAW_TEXT_CHARS + 1, cut.malformed().get(0).rawText().length(), "shown cut, with …");
  }

  @Test
  void forEachElementsAreTheArrayElementsAndElementPathsReadTheCurrentOne() {
    Path file = write(dir, "e.jsonl", "{\"tags\":[\"a\",null,\"a\",{\"name\":\"n1\"},{\"name\":\"n2\",\"x\":[7]}],\"s\":\"p,q\",\"o\":{\"name\":\"solo\"}}\n");
    SourceSpec source = source("e.jsonl", "$.tags", "$.s", "$.o", "$.missing");
    SourceFixtures.Result r = read(source, file);
    JsonElements record = (JsonElements) r.records().get(0);
    List<String> elements = record.elements(0);
    assertEquals(Arrays.asList("a", null, "a", "{\"name\":\"n1\"}", "{\"name\":\"n2\",\"x\":[7]}"), elements);
    JsonPath name = JsonPath.parse("$_.name");
    JsonPath x0 = JsonPath.parse("$_.x[0]");
    assertEquals(Arrays.asList(null, null, null, "n1", "n2"), elements.stream().map(e -> record.elementText(name, e)).toList());
    assertEquals("7", record.elementText(x0, elements.get(4)));
    assertEquals(null, record.elements(1), "a string is split like a CSV field");
    assertEquals(List.of("{\"name\":\"solo\"}"), record.elements(2), "an object is one element");
    assertEquals(List.of(), record.elements(3), "a missing value has none");
    assertEquals(StandardCharsets.UTF_8.name(), source.format().encoding().name());
  }
}
