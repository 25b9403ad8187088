package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a plan source with name: and no file: is fed from code; spill and run refuse it, naming it, before writing anything. */
class CodeFedSourceCliTest {
  @TempDir
  Path tmp;

  @Test
  void spillAndRunRefuseAPlanWithASourceFedFromCode() throws Exception {
    Files.writeString(tmp.resolve("a.csv"), "name\nx\n");
    Path plan = Files.writeString(tmp.resolve("plan.yaml"), """
        version: 1
        tables:
          t: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: a.csv
            format: {type: csv, header: true}
            emit: [{table: t, values: {name: $name}}]
          - name: from_code
            emit: [{table: t, values: {name: $name}}]
        """);
    for (String[] args : new String[][] {
        {"spill", "--plan", plan.toString(), "--out", tmp.resolve("out").toString(), "-q"},
        {"run", "--plan", plan.toString(), "--work", tmp.resolve("work").toString(), "--url", "postgresql://127.0.0.1:1/x", "-q"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
      assertTrue(r.err().contains("sources[1]: source 'from_code' has no file: it is fed from code by the Java library"), r.toString());
    }
    assertFalse(Files.exists(tmp.resolve("out")));
    assertFalse(Files.exists(tmp.resolve("work")));
  }
}
