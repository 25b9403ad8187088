package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows that ref a key claimed by an earlier row of the same record are checked with a placeholder
 * id and written with the real one, which the commit puts in place of the placeholder
 * ({@link RowBuilder#replacePlaceholders}) instead of building the row again. With assertions on
 * (as the tests run), every such row is also built again and compared ({@code sameAsRebuilt} in
 * {@link RecordProcessor}); this corpus makes placeholders every way a record can: in a plain ref
 * column, in a key column (the key itself holds a placeholder: its referrers are built again), in a
 * nested ref, in an integer column, through for_each and when:, beside a {@code missing: create} and
 * a cycle inside the record, in records parked for a ref found only later, and in rejected records.
 */
class PlaceholderRowsTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      tables:
        pkg: {columns: {id: bigint, name: text, lead_id: bigint}, id: id, key: [name]}
        ver: {columns: {id: bigint, pkg_id: integer, v: text}, id: id, key: [pkg_id, v]}
        file: {columns: {id: bigint, ver_id: bigint, path: text, pkg_id: bigint, later_id: bigint}, id: id, key: [ver_id, path]}
        tag: {columns: {file_id: bigint, tag: text}, key: [file_id, tag]}
        person: {columns: {id: bigint, name: text, pkg_id: bigint}, id: id, key: [name]}
        note: {columns: {id: bigint, text: text, file_id: bigint, size: integer}, id: id, key: [text]}
      sources:
        - file: in.csv
          format: {type: csv, header: true}
          emit:
            - {table: pkg, values: {name: $pkg, lead_id: {ref: person, key: [$lead], missing: create}}}
            - {table: ver, values: {pkg_id: {ref: pkg, key: [$pkg]}, v: $v}}
            - table: file
              values:
                ver_id: {ref: ver, key: [{ref: pkg, key: [$pkg]}, $v]}
                path: $path
                pkg_id: {ref: pkg, key: [$pkg]}
                later_id: {ref: note, key: [$later], missing: null}
            - table: tag
              for_each: {value: $tags, separator: ";"}
              values: {file_id: {ref: file, key: [{ref: ver, key: [{ref: pkg, key: [$pkg]}, $v]}, $path]}, tag: $_}
            - {table: person, values: {name: $lead, pkg_id: {ref: pkg, key: [$pkg]}}}
            - table: note
              when: {eq: [$kind, note]}
              values: {text: $note, size: $size, file_id: {ref: file, key: [{ref: ver, key: [{ref: pkg, key: [$pkg]}, $v]}, $path], missing: reject}}
        - file: late.csv
          format: {type: csv, header: true}
          emit:
            - {table: note, values: {text: $note, size: $size}}
      """;

  static final String IN = """
      pkg,v,path,tags,lead,kind,note,size,later
      a,1,a/x,t1;t2,ann,note,n1,1,
      a,1,a/y,t1,ann,note,n2,2,n1
      a,2,a/x,,bob,plain,,,
      b,1,b/x,t3;t3,cat,note,n3,3,
      b,1,b/y,t4,cat,note,n4,x,
      c,1,c/x,t5,dan,note,n5,5,n9
      a,1,a/z,t6,ann,note,n6,6,n8
      d,1,d/x,t7,eve,note,n7,7,
      """;

  static final String LATE = """
      note,size
      n9,9
      """;

  @Test
  void rowsWithPlaceholdersAreWrittenAsIfBuiltAgain() throws Exception {
    assertTrue(RecordProcessor.class.desiredAssertionStatus(), "run with assertions: they compare every replaced row with it rebuilt");
    Files.writeString(tmp.resolve("in.csv"), IN);
    Files.writeString(tmp.resolve("late.csv"), LATE);
    Path plan = SpillTesting.write(tmp, "plan.yaml", PLAN);
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));

    Map<Long, String> pkgs = names(result, "pkg", 1);
    Map<Long, String> people = names(result, "person", 1);
    Map<Long, String> vers = new HashMap<>();
    SegmentRows.read(result, "ver").forEach(r -> vers.put((Long) r[0], pkgs.get(((Integer) r[1]).longValue()) + "@" + r[2]));
    Map<Long, String> files = new HashMap<>();
    SegmentRows.read(result, "file").forEach(r -> files.put((Long) r[0], vers.get((Long) r[1]) + ":" + r[2]));
    Map<Long, String> notes = names(result, "note", 1);
    TreeSet<String> rows = new TreeSet<>();
    SegmentRows.read(result, "pkg").forEach(r -> rows.add("pkg " + r[1] + " lead " + people.get((Long) r[2])));
    SegmentRows.read(result, "file").forEach(r -> rows.add("file " + files.get((Long) r[0]) + " pkg " + pkgs.get((Long) r[3])
        + " later " + notes.get((Long) r[4])));
    SegmentRows.read(result, "tag").forEach(r -> rows.add("tag " + files.get((Long) r[0]) + " " + r[1]));
    SegmentRows.read(result, "person").forEach(r -> rows.add("person " + r[1] + " pkg " + pkgs.get((Long) r[2])));
    SegmentRows.read(result, "note").forEach(r -> rows.add("note " + r[1] + " " + r[3] + " file " + files.get((Long) r[2])));
    List<String> expected = new ArrayList<>(List.of(
        "pkg a lead ann", "pkg b lead cat", "pkg c lead dan", "pkg d lead eve",
        "file a@1:a/x pkg a later null", "file a@1:a/y pkg a later n1", "file a@2:a/x pkg a later null",
        "file b@1:b/x pkg b later null", "file c@1:c/x pkg c later n9", "file a@1:a/z pkg a later null",
        "file d@1:d/x pkg d later null",
        "tag a@1:a/x t1", "tag a@1:a/x t2", "tag a@1:a/y t1", "tag b@1:b/x t3", "tag c@1:c/x t5", "tag a@1:a/z t6",
        "tag d@1:d/x t7",
        "person ann pkg a", "person bob pkg a", "person cat pkg b", "person dan pkg c", "person eve pkg d",
        "note n1 1 file a@1:a/x", "note n2 2 file a@1:a/y", "note n3 3 file b@1:b/x", "note n5 5 file c@1:c/x",
        "note n6 6 file a@1:a/z", "note n7 7 file d@1:d/x", "note n9 9 file null"));
    assertEquals(new TreeSet<>(expected), rows);
    assertEquals(1, result.rejectCount(), SpillTesting.rejects(result).toString()); // b/y: size x
    SpillTesting.assertBalanced(result.manifest());
  }

  private static Map<Long, String> names(SpillResult result, String table, int column) {
    Map<Long, String> names = new HashMap<>();
    SegmentRows.read(result, table).forEach(r -> names.put((Long) r[0], (String) r[column]));
    return names;
  }
}
