package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record rejected because a record it references was rejected says so, naming that record's
 * file, line and reason, whether the parent failed while read (a bad value) or in the resolution
 * pass (its own missing ref), and down a chain. Regression: the reason was {@code missing ref
 * employee[dave]} for a dave that is in the file.
 */
class CascadeRejectReasonsTest {
  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      tables:
        employee: {columns: {id: bigint, login: text, age: integer, manager_id: bigint}, id: id, key: [login]}
        badge: {columns: {n: integer, employee_id: bigint}}
      sources:
        - file: employees.csv
          format: {header: true}
          emit: [{table: employee, values: {login: $login, age: $age, manager_id: {ref: employee, key: [$manager], missing: %s}}}]
        - file: badges.csv
          format: {header: true}
          emit: [{table: badge, values: {n: $n, employee_id: {ref: employee, key: [$login]}}}]
      """;

  private Path plan(String missing) throws Exception {
    Path in = tmp.resolve("in-" + missing);
    Files.createDirectories(in);
    Files.writeString(in.resolve("employees.csv"), "login,age,manager\nann,40,\nbob,x,ann\ncarol,30,bob\n"
        + "dave,50,zed\nerin,20,dave\nfred,25,erin\n");
    Files.writeString(in.resolve("badges.csv"), "n,login\n1,ann\n2,bob\n3,erin\n4,nobody\n");
    return SpillTesting.write(in, "plan.yaml", PLAN.formatted(missing));
  }

  private static List<String> reasons(SpillResult result) throws Exception {
    return SpillTesting.rejects(result).stream().map(r -> r.get("source_file") + ":" + r.get("line") + " " + r.get("reason"))
        .toList();
  }

  @Test
  void aRefToARejectedRecordNamesItsLineAndReason() throws Exception {
    SpillResult result = SpillTesting.spill(plan("reject"), tmp.resolve("out"));
    List<String> reasons = reasons(result);
    assertEquals(List.of(
        "employees.csv:3 invalid input syntax for type integer",
        "employees.csv:4 employee['bob'] was rejected (employees.csv line 3: invalid input syntax for type integer)",
        "employees.csv:5 missing ref employee['zed']",
        "employees.csv:6 employee['dave'] was rejected (employees.csv line 5: missing ref employee['zed'])",
        "employees.csv:7 employee['erin'] was rejected (employees.csv line 6: employee['dave'] was rejected"
            + " (employees.csv line 5: missing ref employee['zed']))",
        "badges.csv:3 employee['bob'] was rejected (employees.csv line 3: invalid input syntax for type integer)",
        "badges.csv:4 employee['erin'] was rejected (employees.csv line 6: employee['dave'] was rejected"
            + " (employees.csv line 5: missing ref employee['zed']))",
        "badges.csv:5 missing ref employee['nobody']"), reasons);
  }

  @Test
  void missingErrorNamesTheRejectedRecordToo() throws Exception {
    InputErrorException e = assertThrows(InputErrorException.class,
        () -> SpillTesting.spill(plan("error"), tmp.resolve("out-error")));
    assertTrue(e.getMessage().contains("employee['bob'] was rejected (employees.csv line 3: invalid input syntax for type"
        + " integer) (missing: error)"), e.getMessage());
  }
}
