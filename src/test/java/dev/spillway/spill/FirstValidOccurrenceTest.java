package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.RowCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Of the records with one natural key, the first one that is valid is written, whatever the order
 * of the rows and whether the earlier ones fail while read or only in the resolution pass (a ref
 * never resolved, forward, to itself, or around a cycle). Regression: a row read after a parked row
 * with the same key was decided its duplicate at once, so when the parked row was dropped later the
 * later, valid row was in no table and not in rejects.csv. Random inputs are compared with a model
 * of the rule; named cases show it for each {@code on_duplicate} and for a table without an id.
 */
class FirstValidOccurrenceTest {
  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      tables:
        employee: {columns: {id: bigint, login: text, name: text, manager_id: bigint}, id: id, key: [login], on_duplicate: %s}
      sources:
        - file: emp.csv
          format: {header: true}
          emit: [{table: employee, values: {login: $login, name: $name, manager_id: {ref: employee, key: [$manager], missing: %s}}}]
      """;

  private int runs;

  private SpillResult spill(String onDuplicate, String missing, List<String[]> records) throws Exception {
    Path in = tmp.resolve("in-" + runs);
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", PLAN.formatted(onDuplicate, missing));
    StringBuilder csv = new StringBuilder("login,name,manager\n");
    records.forEach(r -> csv.append(String.join(",", r)).append('\n'));
    Files.writeString(in.resolve("emp.csv"), csv.toString());
    return SpillTesting.spill(plan, tmp.resolve("out-" + runs++));
  }

  /** Rows as {@code login name manager-login}, sorted. */
  private static TreeSet<String> rows(SpillResult result) {
    List<Object[]> rows = SegmentRows.read(result, "employee");
    Map<Long, String> logins = new HashMap<>();
    rows.forEach(r -> logins.put((Long) r[0], (String) r[1]));
    TreeSet<String> out = new TreeSet<>();
    rows.forEach(r -> out.add(r[1] + " " + r[2] + " " + (r[3] == null ? "-" : logins.get((Long) r[3]))));
    return out;
  }

  private static List<String> rejectLines(SpillResult result) throws Exception {
    return SpillTesting.rejects(result).stream().map(r -> r.get("line") + ": " + r.get("reason")).toList();
  }

  /** The finding's case, for every on_duplicate: the corrected record is written, the old one rejected. */
  @Test
  void aDroppedParkedRecordLeavesItsKeyToTheNextValidOne() throws Exception {
    List<String[]> records = List.of(new String[] {"carol", "Carol", ""}, new String[] {"x", "old", "typo_mgr"},
        new String[] {"x", "corrected", "carol"});
    for (String onDuplicate : List.of("first", "reject", "error")) {
      SpillResult result = spill(onDuplicate, "reject", records);
      assertEquals(new TreeSet<>(List.of("carol Carol -", "x corrected carol")), rows(result), onDuplicate);
      assertEquals(1, result.rejectCount(), onDuplicate);
      assertTrue(rejectLines(result).get(0).startsWith("3: missing ref employee["), rejectLines(result).toString());
      assertEquals(new RowCounters(3, 2, 0, 0, 1), SpillTesting.counters(result.manifest(), "employee"), onDuplicate);
      SpillTesting.assertBalanced(result.manifest());
    }
  }

  /** When the parked first occurrence survives, it wins and the later one is its duplicate, per on_duplicate. */
  @Test
  void aParkedRecordThatSurvivesKeepsItsKey() throws Exception {
    List<String[]> records = List.of(new String[] {"x", "first", "zed"}, new String[] {"x", "second", "carol"},
        new String[] {"carol", "Carol", ""}, new String[] {"zed", "Zed", ""});
    SpillResult first = spill("first", "reject", records);
    assertEquals(new TreeSet<>(List.of("carol Carol -", "x first zed", "zed Zed -")), rows(first));
    assertEquals(new RowCounters(4, 3, 1, 0, 0), SpillTesting.counters(first.manifest(), "employee"));
    SpillResult reject = spill("reject", "reject", records);
    assertEquals(rows(first), rows(reject));
    assertEquals(List.of("3: duplicate key employee['x']"), rejectLines(reject));
    InputErrorException e = assertThrows(InputErrorException.class, () -> spill("error", "reject", records));
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("on_duplicate: error"), e.getMessage());
  }

  /**
   * A chain dropped as a whole (x1 refs y, whose only record refs a missing key) and a second
   * holder dropped too give the key to the third, which refs itself; a record in between that refs
   * the key finds it. The key keeps the id of its first appearance.
   */
  @Test
  void aKeyPassesDownAChainOfDroppedHoldersAndRefsFindIt() throws Exception {
    List<String[]> records = List.of(new String[] {"x", "x1", "y"}, new String[] {"y", "y1", "zzz"},
        new String[] {"boss", "b", "x"}, new String[] {"x", "x2", "nobody"}, new String[] {"x", "x3", "x"});
    SpillResult result = spill("first", "reject", records);
    assertEquals(new TreeSet<>(List.of("boss b x", "x x3 x")), rows(result));
    assertEquals(List.of("2: employee['y'] was rejected (emp.csv line 3: missing ref employee['zzz'])",
        "3: missing ref employee['zzz']", "5: missing ref employee['nobody']"),
        rejectLines(result).stream().sorted().toList());
    assertEquals(List.of(1L, 3L), SegmentRows.read(result, "employee").stream().map(r -> (Long) r[0]).sorted().toList(),
        "x keeps the id of its first appearance; y's is a gap");
  }

  /** A link table (key, no id): the row of a record dropped later leaves its key to the next. */
  @Test
  void aLinkTableKeepsTheFirstValidRowToo() throws Exception {
    Path in = tmp.resolve("link");
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", """
        version: 1
        tables:
          target: {columns: {id: bigint, name: text}, id: id, key: [name]}
          alias: {columns: {alias: text, note: text, target_id: bigint}, key: [alias]}
        sources:
          - file: alias.csv
            format: {header: true}
            emit: [{table: alias, values: {alias: $alias, note: $note, target_id: {ref: target, key: [$target]}}}]
          - file: target.csv
            format: {header: true}
            emit: [{table: target, values: {name: $name}}]
        """);
    Files.writeString(in.resolve("alias.csv"), "alias,note,target\na,old,missing\na,new,t\nb,one,t\nb,two,t\n");
    Files.writeString(in.resolve("target.csv"), "name\nt\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("link-out"));
    assertEquals(List.of("a new", "b one"), SegmentRows.read(result, "alias").stream().map(r -> r[0] + " " + r[1])
        .sorted().toList());
    assertEquals(new RowCounters(4, 2, 1, 0, 1), SpillTesting.counters(result.manifest(), "alias"));
  }

  // ---- random inputs against a model of the rule ----

  /**
   * What a user expects: the records that survive (refs only to keys some surviving record has; a
   * cycle survives), the first surviving record of each key written, the later ones duplicates.
   * {@code ownerLines}: per written row, its line; {@code duplicateLines}: lines of surviving records
   * that are duplicates; {@code droppedLines}: lines of the others.
   */
  private record Expected(TreeSet<String> rows, TreeSet<Integer> duplicateLines, TreeSet<Integer> droppedLines) {}

  private static Expected model(List<String[]> records) {
    int n = records.size();
    boolean[] alive = new boolean[n];
    java.util.Arrays.fill(alive, true);
    boolean changed = true;
    while (changed) { // greatest fixpoint: a cycle of records that only reference each other survives
      changed = false;
      for (int i = 0; i < n; i++) {
        String manager = records.get(i)[2];
        if (alive[i] && !manager.isEmpty() && !held(records, alive, manager)) {
          alive[i] = false;
          changed = true;
        }
      }
    }
    Map<String, Integer> owner = new HashMap<>();
    TreeSet<Integer> duplicates = new TreeSet<>();
    TreeSet<Integer> dropped = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      if (!alive[i]) {
        dropped.add(i + 2);
      } else if (owner.putIfAbsent(records.get(i)[0], i) != null) {
        duplicates.add(i + 2);
      }
    }
    TreeSet<String> rows = new TreeSet<>();
    for (int i : owner.values()) {
      String[] r = records.get(i);
      rows.add(r[0] + " " + r[1] + " " + (r[2].isEmpty() ? "-" : r[2]));
    }
    return new Expected(rows, duplicates, dropped);
  }

  /** Of {@code lines}, those whose key an earlier record has. */
  private static TreeSet<Integer> repeatsOfEarlierKeys(List<String[]> records, TreeSet<Integer> lines) {
    TreeSet<Integer> repeats = new TreeSet<>();
    for (int line : lines) {
      for (int i = 0; i < line - 2; i++) {
        if (records.get(i)[0].equals(records.get(line - 2)[0])) {
          repeats.add(line);
        }
      }
    }
    return repeats;
  }

  private static boolean held(List<String[]> records, boolean[] alive, String login) {
    for (int i = 0; i < records.size(); i++) {
      if (alive[i] && records.get(i)[0].equals(login)) {
        return true;
      }
    }
    return false;
  }

  /** Random records over four logins, refs forward, backward, to themselves, in cycles and to nothing; every policy. */
  @Test
  void randomInputsFollowTheModel() throws Exception {
    Random random = new Random(20260607);
    String[] logins = {"a", "b", "c", "d"};
    String[] managers = {"a", "b", "c", "d", "zz", "", ""};
    String[][] policies = {{"first", "reject"}, {"first", "skip"}, {"reject", "reject"}, {"error", "reject"}};
    for (int run = 0; run < 40; run++) {
      List<String[]> records = new ArrayList<>();
      int n = 3 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        records.add(new String[] {logins[random.nextInt(logins.length)], "r" + (i + 2), managers[random.nextInt(managers.length)]});
      }
      String onDuplicate = policies[run % 4][0];
      boolean skip = policies[run % 4][1].equals("skip");
      Expected expected = model(records);
      String input = onDuplicate + "/" + policies[run % 4][1] + " " + records.stream().map(r -> String.join(",", r)).toList();
      if (onDuplicate.equals("error")) {
        // a duplicate of a row written while reading stops the run at once, even when its record would also
        // fail a ref decided later; a duplicate of a parked row stops it after the last source, if still one then
        TreeSet<Integer> stops = new TreeSet<>(expected.duplicateLines());
        stops.addAll(repeatsOfEarlierKeys(records, expected.droppedLines()));
        try {
          SpillResult result = spill(onDuplicate, "reject", records);
          assertTrue(expected.duplicateLines().isEmpty(), input + ": no stop");
          assertEquals(expected.rows(), rows(result), input);
        } catch (InputErrorException e) {
          assertTrue(stops.contains((int) e.line()), input + ": " + e.getMessage());
        }
        continue;
      }
      SpillResult result = spill(onDuplicate, policies[run % 4][1], records);
      assertEquals(expected.rows(), rows(result), input);
      long dups = expected.duplicateLines().size();
      long gone = expected.droppedLines().size();
      RowCounters counters = onDuplicate.equals("reject")
          ? new RowCounters(n, expected.rows().size(), 0, 0, gone + dups)
          : new RowCounters(n, expected.rows().size(), dups, skip ? gone : 0, skip ? 0 : gone);
      assertEquals(counters, SpillTesting.counters(result.manifest(), "employee"), input);
      TreeSet<Integer> rejected = new TreeSet<>();
      for (CSVRecord r : SpillTesting.rejects(result)) {
        rejected.add(Integer.parseInt(r.get("line")));
      }
      TreeSet<Integer> expectedRejected = new TreeSet<>(skip ? List.of() : expected.droppedLines());
      if (onDuplicate.equals("reject")) {
        expectedRejected.addAll(expected.duplicateLines());
      }
      assertEquals(expectedRejected, rejected, input);
      SpillTesting.assertBalanced(result.manifest());
    }
  }

  /**
   * Records of two rows each (a person and a team, each referencing the other table, keys repeated
   * at random) under every on_duplicate: whatever is dropped or rejected as a duplicate, no written
   * row references an id that no written row has, every table balances, and the same input gives
   * the same rows.
   */
  @Test
  void twoRowRecordsNeverLeaveARefToAnUnwrittenRow() throws Exception {
    Random random = new Random(7);
    String[] names = {"a", "b", "c"};
    String[] refs = {"a", "b", "c", "zz", ""};
    for (int run = 0; run < 16; run++) {
      String onDuplicate = List.of("first", "reject").get(run % 2);
      StringBuilder csv = new StringBuilder("person,team,lead,home\n");
      int n = 3 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        csv.append(names[random.nextInt(3)]).append(',').append(names[random.nextInt(3)]).append(',')
            .append(refs[random.nextInt(refs.length)]).append(',').append(refs[random.nextInt(refs.length)]).append('\n');
      }
      Path in = tmp.resolve("two-" + run);
      Files.createDirectories(in);
      Path plan = SpillTesting.write(in, "plan.yaml", """
          version: 1
          tables:
            person: {columns: {id: bigint, name: text, home_id: bigint}, id: id, key: [name], on_duplicate: %1$s}
            team: {columns: {id: bigint, name: text, lead_id: bigint}, id: id, key: [name], on_duplicate: %1$s}
          sources:
            - file: r.csv
              format: {header: true}
              emit:
                - {table: person, values: {name: $person, home_id: {ref: team, key: [$home], missing: reject}}}
                - {table: team, values: {name: $team, lead_id: {ref: person, key: [$lead], missing: reject}}}
          """.formatted(onDuplicate));
      Files.writeString(in.resolve("r.csv"), csv.toString());
      SpillResult result = SpillTesting.spill(plan, tmp.resolve("two-out-" + run));
      java.util.Set<Long> people = new java.util.HashSet<>();
      java.util.Set<Long> teams = new java.util.HashSet<>();
      SegmentRows.read(result, "person").forEach(r -> people.add((Long) r[0]));
      SegmentRows.read(result, "team").forEach(r -> teams.add((Long) r[0]));
      String input = onDuplicate + " " + csv;
      SegmentRows.read(result, "person").forEach(r -> assertTrue(r[2] == null || teams.contains((Long) r[2]), input));
      SegmentRows.read(result, "team").forEach(r -> assertTrue(r[2] == null || people.contains((Long) r[2]), input));
      SpillTesting.assertBalanced(result.manifest());
      SpillResult again = SpillTesting.spill(plan, tmp.resolve("two-again-" + run));
      assertEquals(SegmentRows.read(result, "person").stream().map(java.util.Arrays::asList).toList(),
          SegmentRows.read(again, "person").stream().map(java.util.Arrays::asList).toList(), input);
    }
  }
  // ---- records of two rows, each in its own keyed table: which record wins each key ----

  private static final String TWO_TABLES = """
      version: 1
      tables:
        person: {columns: {id: bigint, name: text, line: text, lead_id: bigint}, id: id, key: [name], on_duplicate: %1$s}
        team: {columns: {id: bigint, name: text, line: text}, id: id, key: [name], on_duplicate: %1$s}
      sources:
        - file: r.csv
          format: {header: true}
          emit:
            - {table: person, values: {name: $p, line: $n, lead_id: {ref: person, key: [$lead], missing: reject}}}
            - {table: team, values: {name: $t, line: $n}}
      """;

  /** Records {@code p,t,lead}; returns the written rows as {@code person name line lead} and {@code team name line}. */
  private TreeSet<String> spillTwo(String onDuplicate, List<String[]> records) throws Exception {
    Path in = tmp.resolve("pt-" + runs);
    Files.createDirectories(in);
    Path plan = SpillTesting.write(in, "plan.yaml", TWO_TABLES.formatted(onDuplicate));
    StringBuilder csv = new StringBuilder("p,t,lead,n\n");
    for (int i = 0; i < records.size(); i++) {
      csv.append(String.join(",", records.get(i))).append(',').append(i + 2).append('\n');
    }
    Files.writeString(in.resolve("r.csv"), csv.toString());
    Path dir = tmp.resolve("pt-out-" + runs++);
    SpillResult result;
    try {
      result = SpillTesting.spill(plan, dir);
    } finally {
      assertNoWorkingMaps(dir);
    }
    SpillTesting.assertBalanced(result.manifest());
    List<Object[]> people = SegmentRows.read(result, "person");
    Map<Long, String> names = new HashMap<>();
    people.forEach(r -> names.put((Long) r[0], (String) r[1]));
    TreeSet<String> out = new TreeSet<>();
    people.forEach(r -> out.add("person " + r[1] + " " + r[2] + " " + (r[3] == null ? "-" : names.get((Long) r[3]))));
    SegmentRows.read(result, "team").forEach(r -> out.add("team " + r[1] + " " + r[2]));
    return out;
  }

  /** The resolution pass's working maps are removed at the end of a run, also of one that fails: none is left. */
  private static void assertNoWorkingMaps(Path out) throws Exception {
    if (!Files.exists(out)) {
      return;
    }
    try (var walk = Files.walk(out)) {
      List<String> left = walk.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(List.of(Tables.PENDING_DIR, Tables.LOST_DIR, Tables.CONTESTED_DIR, Tables.OWNERS_DIR, Tables.REJECTED_DIR)::contains)
          .toList();
      assertEquals(List.of(), left, out.toString());
    }
  }

  /**
   * Regression: a record rejected in a duplicate sweep (its team a duplicate) kept the claim its
   * other row (person x) had made in that sweep, so the next valid record for x was rejected too.
   */
  @Test
  void aRecordRejectedAsADuplicateOwnsNoneOfItsOtherKeys() throws Exception {
    List<String[]> records = List.of(new String[] {"c", "t1", "z"}, new String[] {"x", "t1", ""},
        new String[] {"x", "t5", ""}, new String[] {"z", "t9", ""});
    assertEquals(new TreeSet<>(List.of("person c 2 z", "person x 4 -", "person z 5 -", "team t1 2", "team t5 4",
        "team t9 5")), spillTwo("reject", records));
    assertEquals(new TreeSet<>(List.of("person c 2 z", "person x 3 -", "person z 5 -", "team t1 2", "team t5 4",
        "team t9 5")), spillTwo("first", records));
    InputErrorException e = assertThrows(InputErrorException.class, () -> spillTwo("error", records)); // checks after the abort too
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  /**
   * The rule for records of two rows. Under {@code on_duplicate: first}: drop the records whose ref
   * finds no kept person (a cycle stays); the first kept record of each key writes its row. Under
   * {@code reject}, as read: a record with a key a written row has is rejected, one with a key a
   * parked record holds or a lead not written is parked, the others are written; then among the
   * parked ones: drop those whose lead no written or kept record has; in input order, a kept record
   * one of whose keys an earlier kept record has is rejected, and owns none of its keys; again
   * until nothing changes. Returns the written rows. (No record leads itself.)
   */
  private static TreeSet<String> twoTableModel(List<String[]> records, boolean reject) {
    int n = records.size();
    boolean[] alive = new boolean[n];
    boolean[] parkedRecord = new boolean[n];
    java.util.Set<String> written = new java.util.HashSet<>();
    java.util.Set<String> pending = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      String person = "p:" + records.get(i)[0];
      String team = "t:" + records.get(i)[1];
      String lead = records.get(i)[2];
      if (!reject) {
        alive[i] = parkedRecord[i] = true;
      } else if (written.contains(person) || written.contains(team)) {
        alive[i] = false;
      } else if (pending.contains(person) || pending.contains(team) || !lead.isEmpty() && !written.contains("p:" + lead)) {
        alive[i] = parkedRecord[i] = true;
        pending.add(person);
        pending.add(team);
      } else {
        alive[i] = true;
        written.add(person);
        written.add(team);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (boolean dropped = true; dropped; ) {
        dropped = false;
        for (int i = 0; i < n; i++) {
          String lead = records.get(i)[2];
          if (alive[i] && parkedRecord[i] && !lead.isEmpty() && !written.contains("p:" + lead) && !held(records, alive, lead)) {
            alive[i] = false;
            dropped = true;
          }
        }
      }
      if (!reject) {
        break;
      }
      java.util.Set<String> owned = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        String person = "p:" + records.get(i)[0];
        String team = "t:" + records.get(i)[1];
        if (!alive[i] || !parkedRecord[i]) {
          continue;
        }
        if (owned.contains(person) || owned.contains(team)) {
          alive[i] = false;
          changed = true;
        } else {
          owned.add(person);
          owned.add(team);
        }
      }
    }
    TreeSet<String> rows = new TreeSet<>();
    java.util.Set<String> owners = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      String[] r = records.get(i);
      if (alive[i] && owners.add("p:" + r[0])) {
        rows.add("person " + r[0] + " " + (i + 2) + " " + (r[2].isEmpty() ? "-" : r[2]));
      }
      if (alive[i] && owners.add("t:" + r[1])) {
        rows.add("team " + r[1] + " " + (i + 2));
      }
    }
    return rows;
  }

  /** Random two-row records, refs forward, backward, to themselves and to nothing: the rows of the records the model keeps. */
  @Test
  void randomTwoRowRecordsFollowTheModel() throws Exception {
    Random random = new Random(20261207);
    String[] people = {"a", "b", "c", "d"};
    String[] teams = {"t1", "t2"};
    String[] leads = {"a", "b", "c", "d", "zz", "", ""};
    for (int run = 0; run < 80; run++) {
      List<String[]> records = new ArrayList<>();
      int n = 3 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        String person = people[random.nextInt(people.length)];
        String lead = leads[random.nextInt(leads.length)];
        records.add(new String[] {person, teams[random.nextInt(teams.length)], lead.equals(person) ? "" : lead});
      }
      boolean reject = run % 2 == 0;
      String input = (reject ? "reject " : "first ") + records.stream().map(r -> String.join(",", r)).toList();
      assertEquals(twoTableModel(records, reject), spillTwo(reject ? "reject" : "first", records), input);
    }
  }
}
