package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan's distribute_by / reference reach the manifest through stage one, where load --create-tables reads them. */
class CitusPlanSpillTest {
  @TempDir
  Path tmp;

  @Test
  void theLayoutGoesFromThePlanIntoTheManifest() throws Exception {
    Files.writeString(tmp.resolve("e.csv"), "t,a,w\nt1,a@x,login\nt1,b@x,logout\n");
    Files.writeString(tmp.resolve("plan.yaml"), """
        version: 1
        tables:
          tenant: {columns: {id: bigint, name: text}, id: id, key: [name], reference: true}
          account: {columns: {id: bigint, email: text, tenant_id: bigint}, id: id, key: [email], distribute_by: id}
          event: {columns: {account_id: bigint, tenant_id: bigint, what: text}, not_null: [account_id], distribute_by: account_id}
          note: {columns: {what: text}}
        sources:
          - file: e.csv
            format: {header: true}
            emit:
              - {table: tenant, values: {name: $t}}
              - {table: account, values: {email: $a, tenant_id: {ref: tenant, key: [$t]}}}
              - table: event
                values: {account_id: {ref: account, key: [$a]}, tenant_id: {ref: tenant, key: [$t]}, what: $w}
              - {table: note, values: {what: $w}}
        """);
    CliRun run = CliRun.of("spill", "-q", "--plan=" + tmp.resolve("plan.yaml"), "--out=" + tmp.resolve("out"));
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    Manifest m = new ManifestStore(SpillDirectory.open(tmp.resolve("out"))).read();
    assertTrue(m.table("tenant").orElseThrow().reference());
    assertEquals("id", m.table("account").orElseThrow().distributeBy());
    assertEquals("account_id", m.table("event").orElseThrow().distributeBy());
    assertNull(m.table("note").orElseThrow().distributeBy());
    assertEquals(false, m.table("note").orElseThrow().reference());
  }
}
