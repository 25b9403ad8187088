package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.luben.zstd.ZstdOutputStream;
import dev.spillway.plan.PlanException;
import dev.spillway.segment.ManifestSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where input comes from: standard input ({@code file: "-"}), {@code .gz} and {@code .zst} files, in every format. */
class InputSourcesTest {
  @TempDir
  Path tmp;

  private static final String TABLE = """
      version: 1
      tables:
        item: {columns: {id: bigint, code: text, qty: integer}, id: id, key: [code]}
      sources:
      """;

  private SpillResult spill(String sources, byte[] stdin) {
    Path plan = tmp.resolve("plan.yaml");
    try {
      Files.writeString(plan, TABLE + sources);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return new Spill(SpillOptions.of(plan, tmp.resolve("out")).withForce(true),
        SpillServices.defaults("test").withStdin(new ByteArrayInputStream(stdin))).run();
  }

  private static List<String> codes(SpillResult result) {
    return SegmentRows.read(result, "item").stream().map(r -> r[1] + "=" + r[2]).toList();
  }

  /** {@code n} CSV records with a header, long enough to pass several read buffers. */
  private static String csv(int n) {
    StringBuilder text = new StringBuilder("code,qty\n");
    for (int i = 0; i < n; i++) {
      text.append("code-").append(i).append("-").append("x".repeat(i % 40)).append(',').append(i % 1000).append('\n');
    }
    return text.toString();
  }

  @Test
  void standardInputIsPeekedForItsHeaderThenReadWholeAndNamedStdin() {
    byte[] data = csv(20_000).getBytes(StandardCharsets.UTF_8);
    SpillResult result = spill("""
          - file: "-"
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, qty: $qty}}]
        """, data);
    assertEquals(20_000, result.manifest().table("item").orElseThrow().counters().written());
    assertEquals(List.of("stdin"), result.manifest().sources().stream().map(ManifestSource::file).toList());
    assertEquals("code-0-=0", codes(result).get(0));
    assertEquals("code-19999-" + "x".repeat(19999 % 40) + "=999", codes(result).get(19_999));
  }

  @Test
  void aHeaderStandardInputLacksFailsBeforeAnythingIsWritten() {
    PlanException e = assertThrows(PlanException.class, () -> spill("""
          - file: "-"
            format: {type: text, header: true}
            emit: [{table: item, values: {code: $cod, qty: $qty}}]
        """, "code\tqty\na\t1\n".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("column 'cod' is not in the header of standard input"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  /** Regression: a rerun of a refused spill read standard input's header first, so it waited for input before refusing. */
  @Test
  void aRefusedOutDirectoryIsRefusedBeforeStandardInputIsRead() throws Exception {
    spill("""
          - file: "-"
            format: {header: true}
            emit: [{table: item, values: {code: $code, qty: $qty}}]
        """, "code,qty\na,1\n".getBytes(StandardCharsets.UTF_8));
    Pipe pipe = Pipe.open(); // its write end stays open: standard input that never ends
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<SpillResult> rerun = runner.submit(() -> new Spill(SpillOptions.of(tmp.resolve("plan.yaml"), tmp.resolve("out")),
          SpillServices.defaults("test").withStdin(Channels.newInputStream(pipe.source()))).run());
      Throwable refusal = null;
      try {
        rerun.get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("still waiting on standard input after 30 s: --out was not checked before reading it");
      } catch (ExecutionException e) {
        refusal = e.getCause();
      }
      assertTrue(refusal instanceof OutputDirectoryException, String.valueOf(refusal));
      assertTrue(refusal.getMessage().contains("already holds complete spill"), refusal.getMessage());
    } finally {
      pipe.sink().close();
      runner.shutdownNow();
      assertTrue(runner.awaitTermination(30, TimeUnit.SECONDS), "the rerun ended");
      pipe.source().close();
    }
  }

  @Test
  void gzipAndZstdFilesReadLikeTheirPlainSelvesInEveryFormat() throws Exception {
    String text = "code\tqty\na\\tb\t1\nc\\\\d\t\\N\n";
    String jsonl = "{\"code\":\"a\\tb\",\"qty\":1}\n{\"code\":\"c\\\\d\",\"qty\":null}\n";
    String csv = "code,qty\n\"a\tb\",1\nc\\d,\n";
    for (String[] f : new String[][] {{"text", "txt", text}, {"jsonl", "jsonl", jsonl}, {"csv", "csv", csv}}) {
      byte[] plain = f[2].getBytes(StandardCharsets.UTF_8);
      Files.write(tmp.resolve("a." + f[1] + ".gz"), compress(plain, false));
      Files.write(tmp.resolve("b." + f[1] + ".zst"), compress(plain, true));
      String values = f[0].equals("jsonl") ? "{code: $.code, qty: $.qty}" : "{code: $code, qty: $qty}";
      String header = f[0].equals("jsonl") ? "" : ", header: true";
      SpillResult gz = spill("  - {file: a.%s.gz, format: {type: %s%s}, emit: [{table: item, values: %s}]}\n"
          .formatted(f[1], f[0], header, values), new byte[0]);
      assertEquals(List.of("a\tb=1", "c\\d=null"), codes(gz), f[0] + " .gz");
      SpillResult zst = spill("  - {file: b.%s.zst, format: {type: %s%s}, emit: [{table: item, values: %s}]}\n"
          .formatted(f[1], f[0], header, values), new byte[0]);
      assertEquals(List.of("a\tb=1", "c\\d=null"), codes(zst), f[0] + " .zst");
      assertEquals(Arrays.asList("b." + f[1] + ".zst"), zst.manifest().sources().stream().map(ManifestSource::file).toList());
    }
  }

  @Test
  void jsonPathsWorkInWhenConditionsFunctionsAndWithPositions() {
    String lines = String.join("\n",
        "# exported 2026-12-06",
        "{\"kind\":\"item\",\"code\":\"  Ab \",\"parts\":[{\"n\":\"x\"},{\"n\":\"y\"}]}",
        "{\"kind\":\"other\",\"code\":\"skipped\"}",
        "// a comment line",
        "{\"kind\":\"item\",\"code\":\"cd\",\"parts\":[]}") + "\n";
    SpillResult result = spill("""
          - file: "-"
            format: {type: jsonl, skip_lines: 1, comment: "//"}
            emit:
              - table: item
                when: {eq: [$.kind, item]}
                values: {code: {upper: {trim: $.code}}}
              - table: item
                when: {eq: [$.kind, item]}
                for_each: {value: $.parts}
                values: {code: {concat: [$.code, "/", $_.n]}, qty: $#}
        """, lines.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("AB=null", "  Ab /x=1", "  Ab /y=2", "CD=null"), codes(result));
    assertEquals(2, result.manifest().sources().get(0).counters().skipped(), "the comment line, and cd's empty parts");
  }

  @Test
  void aParkedJsonRecordIsReplayedWithItsArraysAndElementPaths() throws IOException {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        tables:
          item: {columns: {id: bigint, code: text}, id: id, key: [code]}
          part: {columns: {item_id: bigint, name: text, n: text}, key: [item_id, name]}
        sources:
          - file: parts.jsonl
            format: {type: jsonl}
            emit:
              - {table: item, when: {eq: [$.kind, item]}, values: {code: $.code}}
              - table: part
                when: {eq: [$.kind, parts]}
                for_each: {value: $.parts}
                values: {item_id: {ref: item, key: [$.item]}, name: $_.name, n: $_.n}
        """);
    Files.writeString(tmp.resolve("parts.jsonl"), String.join("\n",
        "{\"kind\":\"parts\",\"item\":\"b\",\"parts\":[{\"name\":\"x, y\"},{\"name\":\"z\",\"n\":1.50}]}",
        "{\"kind\":\"item\",\"code\":\"a\"}",
        "{\"kind\":\"item\",\"code\":\"b\"}") + "\n");
    SpillResult result = new Spill(SpillOptions.of(plan, tmp.resolve("out")), SpillServices.defaults("test")).run();
    List<Object[]> items = SegmentRows.read(result, "item");
    long b = items.stream().filter(r -> r[1].equals("b")).mapToLong(r -> (Long) r[0]).findFirst().orElseThrow();
    assertEquals(List.of(b + " x, y null", b + " z 1.50"),
        SegmentRows.read(result, "part").stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList(),
        "the record read before its item, parked and replayed from its fields: one row per array element");
  }

  private static byte[] compress(byte[] plain, boolean zstd) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = zstd ? new ZstdOutputStream(out) : new GZIPOutputStream(out)) {
      z.write(plain);
    }
    return out.toByteArray();
  }
}
