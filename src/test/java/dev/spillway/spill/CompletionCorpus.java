package dev.spillway.spill;

/**
 * A corpus for tables that complete before stage one ends (issue 11 item 3): three files.
 * {@code nodes.csv} fills owner, a self-referencing node (earlier nodes only, so nothing parks,
 * unless asked) and a cyclic pair ping/pong; {@code late.csv} fills late, whose rows reference later
 * ones (parked until the end); {@code marks.csv} fills mark, which references node, late and ping.
 */
public final class CompletionCorpus {
  private CompletionCorpus() {}

  /** Three files: owner, a self-referencing node and a cyclic pair ping/pong; late (forward refs); mark. */
  private static final String PLAN = """
      version: 1
      schema: s
      tables:
        owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
        node: {columns: {id: bigint, code: text, owner_id: bigint, parent_id: bigint}, id: id, key: [code]}
        ping: {columns: {id: bigint, name: text, pong_id: bigint}, id: id, key: [name]}
        pong: {columns: {id: bigint, name: text, ping_id: bigint}, id: id, key: [name]}
        late: {columns: {id: bigint, code: text, parent_id: bigint}, id: id, key: [code]}
        mark: {columns: {node_id: bigint, late_id: bigint, ping_id: bigint, note: text}}
      sources:
        - file: nodes.csv
          format: {type: csv, header: true}
          emit:
            - table: owner
              values: {name: $owner}
            - table: node
              values: {code: $code, owner_id: {ref: owner, key: [$owner]}, parent_id: {ref: node, key: [$parent]}}
            - table: ping
              values: {name: $ping, pong_id: {ref: pong, key: [$prevpong]}}
            - table: pong
              values: {name: $pong, ping_id: {ref: ping, key: [$ping]}}
        - file: late.csv
          format: {type: csv, header: true}
          emit:
            - table: late
              values: {code: $code, parent_id: {ref: late, key: [$parent]%s}}
        - file: marks.csv
          format: {type: csv, header: true}
          emit:
            - table: mark
              values:
                node_id: {ref: node, key: [$node]%s}
                late_id: {ref: late, key: [$late]}
                ping_id: {ref: ping, key: [$ping]}
                note: $note
      """;

  /**
   * The corpus: nodes reference earlier nodes only (or their own row when {@code selfRefs}, which
   * parks the record), pongs the ping of their record, pings the previous record's pong; late rows
   * reference later ones (parked); marks reference all.
   */
  public static void write(java.nio.file.Path dir, int rows, boolean selfRefs) throws Exception {
    write(dir, rows, selfRefs, true);
  }

  /** As {@link #write(java.nio.file.Path, int, boolean)}; {@code lateForward} false: late rows reference earlier ones (nothing parks). */
  public static void write(java.nio.file.Path dir, int rows, boolean selfRefs, boolean lateForward) throws Exception {
    StringBuilder nodes = new StringBuilder("code,parent,owner,ping,pong,prevpong\n");
    StringBuilder late = new StringBuilder("code,parent\n");
    StringBuilder marks = new StringBuilder("node,late,ping,note\n");
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < rows; i++) {
      String parent = i == 0 ? "" : "n" + (selfRefs && i % 97 == 0 ? i : random.nextInt(i));
      nodes.append("n").append(i).append(',').append(parent).append(",o").append(random.nextInt(40)).append(",p")
          .append(i).append(",q").append(i).append(',').append(i == 0 ? "" : "q" + (i - 1)).append('\n');
      int lateParent = lateForward ? Math.min(rows - 1, i + 1 + random.nextInt(5)) : Math.max(0, i - 1 - random.nextInt(5));
      late.append("l").append(i).append(",").append(i == 0 && !lateForward ? "" : "l" + lateParent).append('\n');
    }
    for (int i = 0; i < 4 * rows; i++) {
      marks.append("n").append(random.nextInt(rows)).append(",l").append(random.nextInt(rows)).append(",p")
          .append(random.nextInt(rows)).append(",note ").append(i).append(' ').append("x".repeat(60)).append('\n');
    }
    SpillTesting.write(dir, "nodes.csv", nodes.toString());
    SpillTesting.write(dir, "late.csv", late.toString());
    SpillTesting.write(dir, "marks.csv", marks.toString());
  }

  /** The plan; {@code lateMissing}, {@code nodeMissing}: extra ref options (e.g. {@code , missing: create}). */
  public static String plan(String schema, String lateMissing, String nodeMissing) {
    return PLAN.replace("schema: s", "schema: " + schema).formatted(lateMissing, nodeMissing);
  }

}
