package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} on every command that reports: one JSON document on stdout with the documented members (docs/cli.md). */
@ExtendWith(PgExtension.class)
class JsonOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** Runs the command, expects exit 0, parses stdout as exactly one JSON document. */
  private static JsonNode json(String... args) throws IOException {
    CliRun r = CliRun.of(args);
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    var parser = JSON.createParser(r.out());
    JsonNode doc = JSON.readTree(parser);
    assertEquals(null, parser.nextToken(), "one document only: " + r.out());
    return doc;
  }

  private static String[] load(TestDatabase db, Path spill, String... more) {
    String[] base = {"load", spill.toString(), "--url", db.cliUrl(), "--create-tables", "--no-analyze",
        "--control-schema", db.schema()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return args;
  }

  @Test
  void spillVerifyAndInspect(TestDatabase db) throws IOException {
    Path plan = CliFixture.plan(tmp, db.schema());
    JsonNode spill = json("spill", "--plan", plan.toString(), "--out", tmp.resolve("s").toString(), "--json");
    assertEquals(tmp.resolve("s").toString(), spill.get("directory").asText());
    assertEquals(2, spill.get("segments").asLong());
    assertEquals(0, spill.get("rejects").asLong());
    assertEquals("owner", spill.get("tables").get(0).get("table").asText());
    assertEquals(4, spill.get("tables").get(1).get("read").asLong());
    assertEquals(3, spill.get("tables").get(1).get("written").asLong());
    assertEquals(1, spill.get("tables").get(1).get("duplicates").asLong());
    assertTrue(spill.get("bytes").asLong() > 0, spill.toString());
    String spillId = spill.get("spillId").asText();

    JsonNode verify = json("verify", tmp.resolve("s").toString(), "--json");
    assertTrue(verify.get("intact").asBoolean(), verify.toString());
    assertEquals(2, verify.get("segmentsChecked").asInt());
    assertEquals(5, verify.get("rows").asLong()); // 2 owners + 3 items
    assertEquals(0, verify.get("problems").size());

    JsonNode inspect = json("inspect", tmp.resolve("s").toString(), "--json");
    assertTrue(inspect.toString().contains(spillId), inspect.toString());
  }

  @Test
  void loadStatusAndRun(TestDatabase db) throws IOException {
    Path spill = CliFixture.spill(tmp, db.schema());
    JsonNode load = json(load(db, spill, "--json"));
    assertEquals(2, load.get("segmentsLoaded").asLong());
    assertEquals(5, load.get("rows").asLong());
    assertEquals(db.schema(), load.get("schema").asText());
    assertEquals("item", load.get("tables").get(1).get("table").asText());

    JsonNode status = json("status", spill.toString(), "--url", db.cliUrl(), "--control-schema", db.schema(), "--json");
    assertEquals("complete", status.get("state").asText());
    assertEquals(2, status.get("tables").size());
    assertEquals(status.get("tables").get(0).get("segmentsTotal"), status.get("tables").get(0).get("segmentsLoaded"));

    JsonNode run = json("run", "--plan", tmp.resolve("plan.yaml").toString(), "--work", spill.toString(), "--url",
        db.cliUrl(), "--no-analyze", "--control-schema", db.schema(), "--json");
    assertTrue(run.get("spill").isNull(), "the complete spill in --work was loaded as it was: " + run);
    assertEquals(0, run.get("load").get("segmentsLoaded").asLong());
    assertEquals(2, run.get("load").get("segmentsAlreadyLoaded").asLong());
  }

  @Test
  void quietWithJsonStillPrintsTheDocumentAndNothingElse(TestDatabase db) throws IOException {
    Path plan = CliFixture.plan(tmp, db.schema());
    CliRun r = CliRun.of("run", "--plan", plan.toString(), "--work", tmp.resolve("w").toString(), "--url", db.cliUrl(),
        "--create-tables", "--no-analyze", "--control-schema", db.schema(), "--json", "-q");
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    JsonNode run = JSON.readTree(r.out());
    assertEquals(2, run.get("spill").get("segments").asLong());
    assertEquals(2, run.get("load").get("segmentsLoaded").asLong());
    assertEquals("", r.err());
  }
}
