package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3: stage one reports a table complete (and has sealed its last segment by then) as
 * soon as no later input can add rows to it, so a pipelined run builds its keys early; and never
 * one that still can get rows: from a later file, from records parked for the resolution pass,
 * from a {@code missing: create} ref. The output is the same whether anyone listens or not.
 */
class TableCompletionTest {
  @TempDir
  Path tmp;

  /** What stage one's listeners heard, in order: "sealed TABLE SEQ" and "complete TABLE". */
  private List<String> spill(String plan, boolean selfRefs, Path out) throws Exception {
    Path in = tmp.resolve("in");
    CompletionCorpus.write(in, 3000, selfRefs);
    Path planFile = SpillTesting.write(in, "plan.yaml", plan);
    List<String> heard = new ArrayList<>();
    SpillServices services = SpillServices.defaults("test").withTablesComplete(t -> heard.add("complete " + t));
    SegmentWriterFactory writers = services.segmentWriters();
    services = services.withSegmentWriters((dir, header, max, listener) -> writers.open(dir, header, max, s -> {
      listener.sealed(s);
      heard.add("sealed " + s.table() + " " + s.sequence());
    }));
    new Spill(SpillOptions.of(planFile, out).withMaxSegmentBytes(64 * 1024), services).run();
    return heard;
  }

  @Test
  void tablesNoLaterInputCanAddRowsToAreReportedWithTheirLastSegmentSealed() throws Exception {
    List<String> heard = spill(CompletionCorpus.plan("s", "", ""), false, tmp.resolve("out"));
    List<String> complete = heard.stream().filter(h -> h.startsWith("complete ")).toList();
    // after nodes.csv, in load order; late was parked (forward refs); mark's file is the last
    assertEquals(List.of("complete owner", "complete node", "complete ping", "complete pong"), complete, heard.toString());
    Manifest m = SpillTesting.spill(tmp.resolve("in/plan.yaml"), tmp.resolve("plain")).manifest();
    for (String table : List.of("owner", "node", "ping", "pong")) {
      int at = heard.indexOf("complete " + table);
      List<SealedSegment> segments = m.segmentsOf(table); // a plain spill: the same segments
      assertTrue(heard.indexOf("sealed " + table + " " + segments.size()) < at, table + ": " + heard);
      assertTrue(!heard.subList(at, heard.size()).stream().anyMatch(h -> h.startsWith("sealed " + table + " ")),
          table + " sealed nothing after it was complete: " + heard);
    }
    assertTrue(heard.indexOf("complete pong") < heard.indexOf("sealed late 1"), "before late.csv's rows: " + heard);
  }

  @Test
  void aTableWhoseFileParkedRecordsOrThatAMissingCreateRefFillsIsNotCompleteEarly() throws Exception {
    // nodes that reference their own row park their records: nothing of nodes.csv completes early
    assertEquals(List.of(), spill(CompletionCorpus.plan("s", "", ""), true, tmp.resolve("a")).stream()
        .filter(h -> h.startsWith("complete ")).toList());
    // a later file's ref may create nodes: node waits for the end, the other tables of nodes.csv do not
    assertEquals(List.of("complete owner", "complete ping", "complete pong"),
        spill(CompletionCorpus.plan("s", "", ", missing: create"), false, tmp.resolve("b")).stream()
            .filter(h -> h.startsWith("complete ")).toList());
  }
}
