package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refs resolve whatever the order of the rows: a UnicodeData.txt-shaped self-referencing
 * {@code character} table (case mappings pointing later in the file) and a second file referencing
 * the first, read in file order and reversed, must give the same rows once ids are replaced by the
 * natural keys they stand for, for every {@code missing:} policy; the same input twice gives the same
 * segment bytes; a record is all or nothing.
 */
class ForwardRefsTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      tables:
        character: {columns: {id: bigint, code: text, name: text, upper_id: bigint, lower_id: bigint}, id: id, key: [code]}
        alias: {columns: {id: bigint, alias: text, character_id: bigint}, id: id, key: [alias]}
      sources:
        - file: chars.txt
          format: {type: csv, header: false, delimiter: ";"}
          emit:
            - table: character
              values:
                code: $1
                name: $2
                upper_id: {ref: character, key: [$3], missing: %1$s}
                lower_id: {ref: character, key: [$4], missing: %1$s}
        - file: aliases.txt
          format: {type: csv, header: false, delimiter: ";"}
          emit:
            - {table: alias, values: {alias: $1, character_id: {ref: character, key: [$2], missing: %1$s}}}
      """;

  /** Lowercase letters first, each mapping to its uppercase letter later in the file (and back); one dangling mapping. */
  static List<String> chars() {
    List<String> lines = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      String lower = hex(c);
      String upper = hex(Character.toUpperCase(c));
      lines.add(lower + ";SMALL " + Character.toUpperCase(c) + ";" + upper + ";");
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      lines.add(hex(c) + ";CAPITAL " + c + ";;" + hex(Character.toLowerCase(c)));
    }
    lines.add("00DF;SHARP S;1E9E;"); // 1E9E never defined: a missing ref
    return lines;
  }

  static List<String> aliases() {
    return List.of("alpha;0061", "zulu;007A", "nothing;FFFF", "cap-q;0051");
  }

  static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  private SpillResult spill(String name, String policy, List<String> chars, List<String> aliases) throws Exception {
    Path in = tmp.resolve(name);
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", String.format(PLAN, policy));
    Files.writeString(in.resolve("chars.txt"), String.join("\n", chars) + "\n");
    Files.writeString(in.resolve("aliases.txt"), String.join("\n", aliases) + "\n");
    SpillServices fixedId = SpillServices.defaults("test");
    fixedId = new SpillServices(fixedId.clock(), () -> "00000000-0000-4000-8000-000000000009", "test", fixedId.progress(),
        fixedId.existingRows(), fixedId.segmentWriters(), fixedId.warnings(), fixedId.stdin()); // segment headers hold the spill id
    return new Spill(SpillOptions.of(plan, tmp.resolve(name + "-out")), fixedId).run();
  }

  /** Rows with ids replaced by the codes they stand for, sorted: comparable across orders. */
  private static TreeSet<String> resolved(SpillResult result) {
    Map<Long, String> codes = new HashMap<>();
    List<Object[]> characters = SegmentRows.read(result, "character");
    characters.forEach(r -> codes.put((Long) r[0], (String) r[1]));
    TreeSet<String> rows = new TreeSet<>();
    for (Object[] r : characters) {
      rows.add("character " + r[1] + " " + r[2] + " upper=" + codes.get((Long) r[3]) + " lower=" + codes.get((Long) r[4]));
    }
    for (Object[] r : SegmentRows.read(result, "alias")) {
      rows.add("alias " + r[1] + " -> " + codes.get((Long) r[2]));
    }
    return rows;
  }

  @Test
  void everyPolicyGivesTheSameRowsForwardAndBackward() throws Exception {
    for (String policy : List.of("reject", "skip", "\"null\"", "create")) {
      List<String> reversed = new ArrayList<>(chars());
      Collections.reverse(reversed);
      List<String> aliasesReversed = new ArrayList<>(aliases());
      Collections.reverse(aliasesReversed);
      String tag = policy.replace("\"", "");
      SpillResult forward = spill(tag + "-fwd", policy, chars(), aliases());
      SpillResult backward = spill(tag + "-bwd", policy, reversed, aliasesReversed);
      assertEquals(resolved(backward), resolved(forward), "missing: " + policy);
      assertEquals(forward.manifest().table("character").orElseThrow().counters(),
          backward.manifest().table("character").orElseThrow().counters(), "missing: " + policy);
      TreeSet<String> rows = resolved(forward);

      assertTrue(rows.contains("character 0061 SMALL A upper=0041 lower=null"), policy + ": " + rows);
      assertTrue(rows.contains("character 0041 CAPITAL A upper=null lower=0061"), policy + ": " + rows);
      assertTrue(rows.contains("alias zulu -> 007A"), policy + ": " + rows);
      switch (tag) {
        case "reject" -> {
          assertEquals(new RowCounters(53, 52, 0, 0, 1), SpillTesting.counters(forward.manifest(), "character"));
          assertEquals(2, forward.rejectCount(), "SHARP S and the alias 'nothing'");
        }
        case "skip" -> assertEquals(new RowCounters(53, 52, 0, 1, 0), SpillTesting.counters(forward.manifest(), "character"));
        case "null" -> assertTrue(rows.contains("character 00DF SHARP S upper=null lower=null"), rows.toString());
        case "create" -> {
          assertTrue(rows.contains("character 00DF SHARP S upper=1E9E lower=null"), rows.toString());
          assertTrue(rows.contains("character 1E9E null upper=null lower=null"), "created from its key: " + rows);
          assertTrue(rows.contains("alias nothing -> FFFF"), rows.toString());
        }
        default -> throw new AssertionError(tag);
      }
    }
  }

  @Test
  void theSameInputTwiceGivesTheSameSegmentBytes() throws Exception {
    SpillResult one = spill("one", "reject", chars(), aliases());
    SpillResult two = spill("two", "reject", chars(), aliases());
    List<SealedSegment> a = one.manifest().segments();
    List<SealedSegment> b = two.manifest().segments();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(Files.readAllBytes(one.directory().root().resolve(a.get(i).file())),
          Files.readAllBytes(two.directory().root().resolve(b.get(i).file())), "segment " + a.get(i));
    }
    assertTrue(Files.notExists(one.directory().idmapDir().resolve(ParkedRecords.DIR).resolve("0000.parked")),
        "parked records are removed once decided");
  }

  /** The case: a rejected duplicate owner loaded its pet, attached to the first owner. */
  @Test
  void aRecordWithADuplicateOwnerUnderRejectWritesNoPet() throws Exception {
    Path in = tmp.resolve("pets");
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", """
        version: 1
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name], on_duplicate: reject}
          pet: {columns: {id: bigint, name: text, owner_id: bigint}, id: id, key: [name]}
          vet: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: p.csv
            format: {type: csv, header: true}
            emit:
              - {table: owner, values: {name: $owner}}
              - {table: pet, values: {name: $pet, owner_id: {ref: owner, key: [$owner]}}}
              - {table: vet, values: {name: $vet}}
              - {table: pet, values: {name: $second, owner_id: {ref: owner, key: [$friend], missing: create}}}
        """);
    Files.writeString(in.resolve("p.csv"), "owner,pet,vet,second,friend\nann,rex,v1,tom,zed\nann,fido,v2,kit,yul\n"
        + "bob,max,v3,bo,later\nlater,lu,v4,mo,bob\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("pets-out"));
    List<String> pets = SegmentRows.read(result, "pet").stream().map(r -> (String) r[1]).sorted().toList();
    assertEquals(List.of("bo", "lu", "max", "mo", "rex", "tom"), pets, "fido and kit of the rejected record are not written");
    List<String> owners = SegmentRows.read(result, "owner").stream().map(r -> (String) r[1]).sorted().toList();
    assertEquals(List.of("ann", "bob", "later", "zed"), owners, "yul, created by the rejected record, is not");
    assertEquals(List.of("v1", "v3", "v4"), SegmentRows.read(result, "vet").stream().map(r -> (String) r[1]).sorted().toList());
    assertEquals(1, result.rejectCount(), "one line for the record");
    assertEquals(new RowCounters(4, 3, 0, 0, 1), result.manifest().sources().get(0).counters(), "records counted once");
    SpillTesting.assertBalanced(result.manifest());
  }

  /** team.lead_id -> person, person.team_id -> team: a cycle of tables, with refs forward across files. */
  @Test
  void aCycleOfTablesResolvesAcrossFilesAndAKeyHoldingAForwardRefIsReserved() throws Exception {
    Path in = tmp.resolve("cycle");
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", """
        version: 1
        tables:
          team: {columns: {id: bigint, name: text, lead_id: bigint}, id: id, key: [name]}
          person: {columns: {id: bigint, name: text, team_id: bigint}, id: id, key: [name]}
          membership: {columns: {id: bigint, person_id: bigint, since: integer}, id: id, key: [person_id, since]}
          badge: {columns: {membership_id: bigint}}
        sources:
          - file: badges.csv
            format: {type: csv, header: true}
            emit: [{table: badge, values: {membership_id: {ref: membership, key: [{ref: person, key: [$person]}, $since]}}}]
          - file: teams.csv
            format: {type: csv, header: true}
            emit: [{table: team, values: {name: $name, lead_id: {ref: person, key: [$lead]}}}]
          - file: people.csv
            format: {type: csv, header: true}
            emit:
              - {table: person, values: {name: $name, team_id: {ref: team, key: [$team]}}}
              - {table: membership, values: {person_id: {ref: person, key: [$name]}, since: $since}}
        """);
    Files.writeString(in.resolve("badges.csv"), "person,since\nann,2020\nbob,1999\n");
    Files.writeString(in.resolve("teams.csv"), "name,lead\nred,ann\nblue,bob\nghost,nobody\n");
    Files.writeString(in.resolve("people.csv"), "name,team,since\nann,blue,2020\nbob,red,2021\ncid,ghost,2022\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("cycle-out"));
    Map<Long, String> people = new HashMap<>();
    SegmentRows.read(result, "person").forEach(r -> people.put((Long) r[0], (String) r[1]));
    Map<Long, String> teams = new HashMap<>();
    SegmentRows.read(result, "team").forEach(r -> teams.put((Long) r[0], (String) r[1]));
    TreeSet<String> rows = new TreeSet<>();
    SegmentRows.read(result, "team").forEach(r -> rows.add("team " + r[1] + " lead " + people.get((Long) r[2])));
    SegmentRows.read(result, "person").forEach(r -> rows.add("person " + r[1] + " team " + teams.get((Long) r[2])));
    assertEquals(new TreeSet<>(List.of("team red lead ann", "team blue lead bob", "person ann team blue",
        "person bob team red")), rows, "ghost leads nobody: rejected, and so is cid, whose team it was");
    assertEquals(1, SegmentRows.read(result, "badge").size(), "ann's 2020 membership; bob has none since 1999");
    assertEquals(List.of(2020, 2021), SegmentRows.read(result, "membership").stream().map(r -> (Integer) r[2]).sorted().toList(),
        "cid's record was parked, then rejected in the resolution pass: its membership row, fine on its own, is not written");
    assertEquals(3, result.rejectCount(), "ghost, cid and bob's badge: " + SpillTesting.rejects(result));
    SpillTesting.assertBalanced(result.manifest());
  }

  /**
   * Regression: a cycle inside one record (the person row refs its team, created or not yet
   * written, and the team row refs the person as captain) wrote the record-local placeholder id
   * (a huge negative number) into person.team_id. Each row must get the other's real id, in both
   * emit orders, with and without {@code missing: create}.
   */
  @Test
  void aCycleInsideOneRecordWritesRealIdsNeverPlaceholders() throws Exception {
    String[] emitOrders = {
        "[{table: person, values: {name: $name, team_id: {ref: team, key: [$team], missing: %1$s}}},"
            + " {table: team, values: {name: $team, captain_id: {ref: person, key: [$name]}}}]",
        "[{table: team, values: {name: $team, captain_id: {ref: person, key: [$name], missing: %1$s}}},"
            + " {table: person, values: {name: $name, team_id: {ref: team, key: [$team]}}}]"};
    int run = 0;
    for (String emits : emitOrders) {
      for (String policy : List.of("create", "reject")) {
        Path in = tmp.resolve("in-record-" + run);
        Files.createDirectories(in);
        Path plan = SpillTesting.write(in, "plan.yaml", """
            version: 1
            tables:
              person: {columns: {id: bigint, name: text, team_id: bigint}, id: id, key: [name]}
              team: {columns: {id: bigint, name: text, captain_id: bigint}, id: id, key: [name]}
            sources:
              - file: people.csv
                format: {type: csv, header: true}
                emit: %s
            """.formatted(String.format(emits, policy)));
        Files.writeString(in.resolve("people.csv"), "name,team\nann,red\nbob,blue\n");
        SpillResult result = SpillTesting.spill(plan, tmp.resolve("in-record-out-" + run++));
        Map<Long, String> people = new HashMap<>();
        SegmentRows.read(result, "person").forEach(r -> people.put((Long) r[0], (String) r[1]));
        Map<Long, String> teams = new HashMap<>();
        SegmentRows.read(result, "team").forEach(r -> teams.put((Long) r[0], (String) r[1]));
        TreeSet<String> rows = new TreeSet<>();
        SegmentRows.read(result, "team").forEach(r -> rows.add("team " + r[1] + " captain " + people.get((Long) r[2])));
        SegmentRows.read(result, "person").forEach(r -> rows.add("person " + r[1] + " team " + teams.get((Long) r[2])));
        assertEquals(new TreeSet<>(List.of("team red captain ann", "team blue captain bob", "person ann team red",
            "person bob team blue")), rows, emits + " / " + policy);
        assertEquals(0, result.rejectCount(), SpillTesting.rejects(result).toString());
        SpillTesting.assertBalanced(result.manifest());
      }
    }
  }

  /**
   * Regression: a parked record's row whose key is final but which refs an earlier row of the same
   * record (a placeholder in a non-key column) reserved nothing when parked, so a later record's row
   * with the same key won and the first one became its duplicate (ids out of read order too).
   */
  @Test
  void aParkedRowWithAPlaceholderOutsideItsKeyReservesItsKeyWhenParked() throws Exception {
    for (String onDuplicate : List.of("first", "reject")) {
      Path in = tmp.resolve("reserve-" + onDuplicate);
      Files.createDirectories(in);
      Path plan = SpillTesting.write(in, "plan.yaml", """
          version: 1
          tables:
            item: {columns: {id: bigint, k: text, prev_id: bigint, src: text, cat_id: bigint}, id: id, key: [k], on_duplicate: %s}
            cat: {columns: {id: bigint, c: text}, id: id, key: [c]}
          sources:
            - file: in.csv
              format: {type: csv, header: true}
              emit:
                - {table: item, values: {k: $a, src: $src, cat_id: {ref: cat, key: [$c], missing: reject}}}
                - {table: item, values: {k: $b, src: $src, prev_id: {ref: item, key: [$a], missing: reject}}}
            - file: cat.csv
              format: {type: csv, header: true}
              emit: [{table: cat, values: {c: $c}}]
          """.formatted(onDuplicate));
      Files.writeString(in.resolve("in.csv"), "src,a,b,c\nrec1,x,y,C1\nrec2,q,y,\n");
      Files.writeString(in.resolve("cat.csv"), "c\nC1\n");
      SpillResult result = SpillTesting.spill(plan, tmp.resolve("reserve-out-" + onDuplicate));
      Map<Long, String> keys = new HashMap<>();
      List<Object[]> items = SegmentRows.read(result, "item");
      items.forEach(r -> keys.put((Long) r[0], (String) r[1]));
      TreeSet<String> rows = new TreeSet<>();
      items.forEach(r -> rows.add(r[1] + " prev=" + keys.get((Long) r[2]) + " " + r[3] + " id=" + r[0]));
      if (onDuplicate.equals("first")) {
        assertEquals(new TreeSet<>(List.of("x prev=null rec1 id=1", "y prev=x rec1 id=2", "q prev=null rec2 id=3")), rows,
            "rec1 read first owns y");
      } else {
        assertEquals(new TreeSet<>(List.of("x prev=null rec1 id=1", "y prev=x rec1 id=2")), rows, "rec2 is the duplicate");
        assertEquals(1, result.rejectCount());
        assertTrue(SpillTesting.rejects(result).toString().contains("duplicate"), SpillTesting.rejects(result).toString());
      }
      SpillTesting.assertBalanced(result.manifest());
    }
  }

  /** --max-rejects counts records: one record with two bad rows (and one ragged line) is one reject each. */
  @Test
  void maxRejectsCountsRecordsNotRows() throws Exception {
    Path in = tmp.resolve("limit");
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", """
        version: 1
        tables:
          a: {columns: {n: integer}}
          b: {columns: {n: integer, later_id: bigint}}
          c: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: r.csv
            format: {type: csv, header: true}
            emit:
              - {table: a, values: {n: $x}}
              - {table: b, values: {n: $x, later_id: {ref: c, key: [$c]}}}
              - {table: c, values: {name: $name}}
        """);
    Files.writeString(in.resolve("r.csv"), "x,c,name\nbad,zed,p\n1,q\n2,nobody,q\n3,zed,zed\n");
    SpillResult result = new Spill(SpillOptions.of(plan, tmp.resolve("limit-out")).withMaxRejects(3),
        SpillServices.defaults("test")).run();
    assertEquals(3, result.rejectCount());
    assertEquals(new RowCounters(4, 1, 0, 0, 3), result.manifest().sources().get(0).counters());
    assertEquals(new RowCounters(4, 1, 0, 0, 3), SpillTesting.counters(result.manifest(), "b"));
    assertEquals("a.n: invalid input syntax for type integer; b.n: invalid input syntax for type integer",
        SpillTesting.rejects(result).get(0).get("reason"), "one line, every reason");
    assertEquals(List.of("zed"), SegmentRows.read(result, "c").stream().map(r -> (String) r[1]).toList(),
        "p, of the rejected record, is not written; zed, referenced before it came, is");
    RejectLimitException e = org.junit.jupiter.api.Assertions.assertThrows(RejectLimitException.class,
        () -> new Spill(SpillOptions.of(plan, tmp.resolve("limit-out2")).withMaxRejects(2),
            SpillServices.defaults("test")).run());
    assertTrue(e.getMessage().startsWith("3 rejected record(s), more than --max-rejects 2"), e.getMessage());
  }

  /** missing: error is decided after the last source too: a forward ref is fine, a key that never comes stops the run. */
  @Test
  void missingErrorWaitsForTheLastSourceAndNamesFileAndLine() throws Exception {
    Path in = tmp.resolve("error");
    Files.createDirectories(in);
    String plan = """
        version: 1
        tables:
          node: {columns: {id: bigint, name: text, next_id: bigint}, id: id, key: [name]}
        sources:
          - file: n.csv
            format: {type: csv, header: true}
            emit: [{table: node, values: {name: $name, next_id: {ref: node, key: [$next], missing: error}}}]
        """;
    Path planFile = SpillTesting.write(in, "plan.yaml", plan);
    Files.writeString(in.resolve("n.csv"), "name,next\na,b\nb,c\nc,\n");
    SpillResult ok = SpillTesting.spill(planFile, tmp.resolve("error-ok"));
    assertEquals(new RowCounters(3, 3, 0, 0, 0), SpillTesting.counters(ok.manifest(), "node"));
    Files.writeString(in.resolve("n.csv"), "name,next\na,b\nb,zz\nc,\n");
    InputErrorException e = org.junit.jupiter.api.Assertions.assertThrows(InputErrorException.class,
        () -> SpillTesting.spill(planFile, tmp.resolve("error-fails")));
    assertTrue(e.getMessage().contains("n.csv") && e.getMessage().contains("line 3") && e.getMessage().contains("node['zz']"),
        e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("error-fails/idmap/parked/0001.parked")), "parked records removed on failure");
  }
}
