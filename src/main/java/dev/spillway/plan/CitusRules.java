package dev.spillway.plan;

import java.util.Map;

/**
 * What a distributed PostgreSQL (Citus) server would refuse of the plan's {@code distribute_by}
 * and {@code reference} tables, found when the plan is read rather than when a load is half done:
 * <ul>
 *   <li>a distributed table's distribution column is never NULL (Citus refuses such a row during
 *       COPY): it is the id column, a natural key column or a {@code not_null:} column;
 *   <li>a distributed table's unique keys must contain its distribution column: the primary key
 *       {@code --create-tables} puts on the id column, and the natural key ({@code key:}), except
 *       for a table distributed by its id column: there the natural key is not declared on Citus
 *       (it could not be enforced) and its uniqueness is stage one's, one id per key within the
 *       spill; this is what lets a child be colocated with the parent it references;
 *   <li>a foreign key from a distributed table must go to a reference table, or to a distributed
 *       table it is colocated with: the referencing column is the child's distribution column and
 *       the parent is distributed by its id column (the column every ref points at), and the two
 *       columns have one type (Citus colocates only distribution columns of the same type);
 *   <li>a reference table may reference only reference tables;
 *   <li>a plain table may not reference a distributed one.
 * </ul>
 * Each problem names the table, the column and what to change. Runs after {@link PlanChecker}, on
 * the references it found ({@link RefGraph}).
 */
final class CitusRules {
  private final Problems problems;

  CitusRules(Problems problems) {
    this.problems = problems;
  }

  void check(Map<String, TableDraft> tables, RefGraph graph) {
    for (TableDraft t : tables.values()) {
      if (t.distributionInvalid) {
        continue; // reported already; rules on a layout that is not what the user meant would only add noise
      }
      String path = Problems.child("tables", t.name);
      if (t.distributeBy != null) {
        keys(t, Problems.child(path, "distribute_by"));
      }
      graph.referencesOf(t.name).forEach((column, parentName) -> {
        TableDraft parent = tables.get(parentName);
        if (parent != null && !parent.distributionInvalid) {
          reference(t, column, parent, path);
        }
      });
    }
  }

  private void keys(TableDraft t, String path) {
    String by = t.distributeBy;
    if (!by.equals(t.idColumn) && !t.key.contains(by) && !t.notNull.contains(by)) {
      problems.add(path, "table '" + t.name + "' is distributed by '" + by + "', which may be NULL: Citus refuses a row"
          + " whose distribution column is NULL during COPY, so the load would fail at that row. Add '" + by
          + "' to not_null: (rows without it go to rejects.csv), or distribute by the id column or a key: column");
    }
    if (t.idColumn != null && !t.idColumn.equals(by)) {
      problems.add(path, "table '" + t.name + "' is distributed by '" + by + "', but its primary key (the id column '"
          + t.idColumn + "') does not include it: Citus enforces a unique key only when it contains the distribution"
          + " column. Distribute by '" + t.idColumn + "', or remove id:");
    }
    if (t.hasKey() && !t.key.contains(by) && !by.equals(t.idColumn)) {
      problems.add(path, "table '" + t.name + "' is distributed by '" + by + "', but its natural key " + t.key
          + " does not include it: Citus enforces a unique key only when it contains the distribution column."
          + " Add '" + by + "' to key:, or distribute by the id column (then the natural key is not declared on"
          + " Citus and stage one alone keeps it unique within the spill)");
    }
  }

  private void reference(TableDraft child, String column, TableDraft parent, String path) {
    String fk = "the foreign key " + child.name + "." + column + " -> " + parent.name;
    if (child.distributeBy != null) {
      if (parent.reference) {
        return;
      }
      if (parent.distributeBy != null && column.equals(child.distributeBy) && parent.distributeBy.equals(parent.idColumn)) {
        var childType = child.columns.get(column);
        var parentType = parent.columns.get(parent.idColumn);
        if (childType != null && parentType != null && !childType.equals(parentType)) {
          problems.add(Problems.child(path, "distribute_by"), "table '" + child.name + "' is colocated with '"
              + parent.name + "' through " + fk + ", but Citus colocates only distribution columns of one type: '"
              + column + "' is " + childType.sqlName() + " and '" + parent.name + "." + parent.idColumn + "' is "
              + parentType.sqlName() + "; declare both the same type");
        }
        return; // colocated: joined on both distribution columns
      }
      problems.add(Problems.child(path, "distribute_by"), "table '" + child.name + "' is distributed by '"
          + child.distributeBy + "', so " + fk + " must go to a reference table or join the two tables on their"
          + " distribution columns: " + (parent.distributeBy == null
              ? "'" + parent.name + "' is neither distributed nor a reference table; mark it reference: true, or"
                  + " distribute it by its id column and '" + child.name + "' by '" + column + "'"
              : "distribute '" + child.name + "' by '" + column + "' and '" + parent.name + "' by its id column"
                  + (parent.idColumn == null ? " (it has none)" : " '" + parent.idColumn + "'")
                  + ", or make '" + parent.name + "' a reference table"));
    } else if (child.reference) {
      if (!parent.reference) {
        problems.add(Problems.child(path, "reference"), "'" + child.name + "' is a reference table, so " + fk
            + " must go to a reference table too (Citus): mark '" + parent.name + "' reference: true");
      }
    } else if (parent.distributeBy != null) {
      problems.add(path, "table '" + child.name + "' is neither distributed nor a reference table, and Citus refuses "
          + fk + ", which is distributed: distribute '" + child.name + "' by '" + column + "' (colocated with '"
          + parent.name + "'), or mark it reference: true");
    }
  }
}
