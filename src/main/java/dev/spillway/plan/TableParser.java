package dev.spillway.plan;

import dev.spillway.pgbinary.ColumnType;
import dev.spillway.pgbinary.PgType;
import dev.spillway.plan.YamlNode.YamlList;
import dev.spillway.plan.YamlNode.YamlMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code tables:} into {@link TableDraft}s, reporting every problem with its path. */
final class TableParser {
  private static final List<String> TABLE_FIELDS = List.of("columns", "id", "key", "on_duplicate", "on_existing",
      "not_null", "defaults", "distribute_by", "reference");

  private final Problems problems;

  TableParser(Problems problems) {
    this.problems = problems;
  }

  /** Every table that is a map, in declaration order (also those with problems). */
  Map<String, TableDraft> parse(YamlMap tables) {
    Map<String, TableDraft> drafts = new LinkedHashMap<>();
    if (tables == null) {
      return drafts;
    }
    tables.entries().forEach((name, node) -> {
      Identifiers.check(name, "table", Problems.child("tables", name), problems);
      TableDraft draft = table(name, node, Problems.child("tables", name));
      if (draft != null) {
        drafts.put(name, draft);
      }
    });
    return drafts;
  }

  private TableDraft table(String name, YamlNode node, String path) {
    MapReader r = MapReader.of(node, path, problems, TABLE_FIELDS);
    if (r == null) {
      return null;
    }
    TableDraft draft = new TableDraft(name);
    columns(r, draft);
    String id = r.optionalText("id", null);
    if (id != null && draft.columnsKnown) {
      idColumn(draft, id, r.pathOf("id"));
    }
    YamlList key = r.list("key", false);
    if (key != null && draft.columnsKnown) {
      key(draft, key, r.pathOf("key"));
    }
    YamlList notNull = r.list("not_null", false);
    if (notNull != null && draft.columnsKnown) {
      notNull(draft, notNull, r.pathOf("not_null"));
    }
    if (r.has("defaults") && draft.columnsKnown) {
      defaults(draft, r.optional("defaults"), r.pathOf("defaults"));
    }
    distribution(r, draft);
    if (r.has("on_duplicate")) {
      OnDuplicate onDuplicate = YamlEnums.parse(OnDuplicate.class, r.optional("on_duplicate"), r.pathOf("on_duplicate"), problems);
      draft.onDuplicate = onDuplicate == null ? draft.onDuplicate : onDuplicate;
      needsKey(draft, r, "on_duplicate", "duplicates are detected by natural key");
    }
    if (r.has("on_existing")) {
      OnExisting onExisting = YamlEnums.parse(OnExisting.class, r.optional("on_existing"), r.pathOf("on_existing"), problems);
      draft.onExisting = onExisting == null ? draft.onExisting : onExisting;
      needsKey(draft, r, "on_existing", "existing rows are found by natural key");
    }
    return draft;
  }

  /** {@code distribute_by: column} and {@code reference: true}, which exclude each other. */
  private void distribution(MapReader r, TableDraft draft) {
    if (r.has("reference")) {
      YamlNode node = r.optional("reference");
      if (node instanceof YamlNode.YamlScalar s && (s.kind() == YamlNode.YamlScalar.Kind.TRUE
          || s.kind() == YamlNode.YamlScalar.Kind.FALSE)) {
        draft.reference = s.kind() == YamlNode.YamlScalar.Kind.TRUE;
      } else {
        problems.add(r.pathOf("reference"), "expected true or false, got " + MapReader.describe(node));
        draft.distributionInvalid = true;
      }
    }
    String by = r.optionalText("distribute_by", null);
    if (by == null || !draft.columnsKnown) {
      draft.distributionInvalid |= r.has("distribute_by");
      return;
    }
    if (!draft.columns.containsKey(by)) {
      unknownColumn(draft, by, r.pathOf("distribute_by"));
      draft.distributionInvalid = true;
    } else if (draft.reference) {
      draft.distributionInvalid = true;
      problems.add(r.pathOf("reference"), "table '" + draft.name + "' is distributed by '" + by + "' and a reference"
          + " table: choose one (a reference table is copied whole to every node, a distributed one is split by its"
          + " distribution column)");
    } else {
      draft.distributeBy = by;
    }
  }

  private void columns(MapReader r, TableDraft draft) {
    YamlMap columns = r.requiredMap("columns");
    if (columns == null) {
      return;
    }
    draft.columnsKnown = true;
    List<Map.Entry<String, YamlNode>> entries = List.copyOf(columns.entries().entrySet());
    for (int i = 0; i < entries.size(); i++) {
      String column = entries.get(i).getKey();
      YamlNode typeNode = entries.get(i).getValue();
      String path = Problems.child(r.pathOf("columns"), column);
      Identifiers.check(column, "column", path, problems);
      String typeName = MapReader.text(typeNode, path, problems);
      ColumnType type = null;
      if (typeName != null && i + 1 < entries.size() && isSplitByComma(typeName, entries.get(i + 1))) {
        String whole = typeName + "," + entries.get(i + 1).getKey();
        problems.add(path, "type '" + typeName + "' ends inside its parentheses: in a flow mapping {...} the comma of '"
            + whole + "' ends the entry, and '" + entries.get(i + 1).getKey() + "' became a column of its own;"
            + " quote types with a comma in flow mappings: " + column + ": \"" + whole + "\"");
        draft.columns.put(column, null);
        i++; // the broken-off rest is not a column
        continue;
      }
      if (typeName != null) {
        try {
          type = ColumnType.parse(typeName);
        } catch (IllegalArgumentException e) {
          problems.add(path, e.getMessage());
        }
      }
      draft.columns.put(column, type);
    }
  }

  /**
   * Whether {@code numeric(10} followed by the entry {@code 2): null} is what YAML made of an
   * unquoted {@code numeric(10,2)} in a flow mapping: a type with an unclosed parenthesis, then a
   * key holding the closing one, without a value.
   */
  private static boolean isSplitByComma(String typeName, Map.Entry<String, YamlNode> next) {
    boolean unclosed = typeName.lastIndexOf('(') > typeName.lastIndexOf(')');
    return unclosed && next.getKey().indexOf(')') >= 0 && next.getValue() instanceof YamlNode.YamlScalar s && s.isNull();
  }

  private void idColumn(TableDraft draft, String id, String path) {
    if (!draft.columns.containsKey(id)) {
      unknownColumn(draft, id, path);
      return;
    }
    ColumnType type = draft.columns.get(id);
    if (type != null && !isIdType(type)) {
      problems.add(path, "id column '" + id + "' must be bigint or integer, not " + type.sqlName());
      return;
    }
    draft.idColumn = id;
  }

  private void key(TableDraft draft, YamlList key, String path) {
    for (int i = 0; i < key.items().size(); i++) {
      String itemPath = Problems.index(path, i);
      String column = MapReader.text(key.items().get(i), itemPath, problems);
      if (column == null) {
        continue;
      }
      if (!draft.columns.containsKey(column)) {
        unknownColumn(draft, column, itemPath);
      } else if (column.equals(draft.idColumn)) {
        problems.add(itemPath, "key column '" + column + "' is the id column, which spillway fills; a natural key comes from the data");
      } else if (draft.key.contains(column)) {
        problems.add(itemPath, "column '" + column + "' is already in the key");
      } else {
        ColumnType type = draft.columns.get(column);
        if (type != null && type.base() == PgType.JSON) {
          // kept in the key all the same, so refs to the table report nothing more
          problems.add(itemPath, "key column '" + column + "' is " + type.sqlName() + ", which has no equality in "
              + "PostgreSQL, so no unique index can hold the key; use jsonb (compared by value) or text (compared as "
              + "written)");
        }
        draft.key.add(column);
      }
    }
  }

  private void notNull(TableDraft draft, YamlList columns, String path) {
    for (int i = 0; i < columns.items().size(); i++) {
      String itemPath = Problems.index(path, i);
      String column = MapReader.text(columns.items().get(i), itemPath, problems);
      if (column == null) {
        continue;
      }
      if (!draft.columns.containsKey(column)) {
        unknownColumn(draft, column, itemPath);
      } else if (column.equals(draft.idColumn)) {
        problems.add(itemPath, "column '" + column + "' is the id column, which spillway always fills");
      } else if (draft.notNull.contains(column)) {
        problems.add(itemPath, "column '" + column + "' is listed twice");
      } else {
        draft.notNull.add(column);
      }
    }
  }

  private void defaults(TableDraft draft, YamlNode node, String path) {
    if (!(node instanceof YamlMap map) || map.entries().isEmpty()) {
      problems.add(path, "expected a non-empty map of column: value, got " + MapReader.describe(node));
      return;
    }
    map.entries().forEach((column, value) -> {
      String itemPath = Problems.child(path, column);
      if (!draft.columns.containsKey(column)) {
        unknownColumn(draft, column, itemPath);
      } else if (column.equals(draft.idColumn)) {
        problems.add(itemPath, "column '" + column + "' is the id column, which spillway always fills");
      } else if (!(value instanceof YamlNode.YamlScalar s) || s.isNull()) {
        problems.add(itemPath, "expected a constant default (used when the emitted value is NULL), got " + MapReader.describe(value));
      } else {
        draft.defaults.put(column, s.text().startsWith("$$") ? s.text().substring(1) : s.text());
      }
    });
  }

  private void needsKey(TableDraft draft, MapReader r, String field, String why) {
    if (!r.has("key")) {
      problems.add(r.pathOf(field), "table '" + draft.name + "' has no key; " + why);
    }
  }

  private void unknownColumn(TableDraft draft, String column, String path) {
    problems.add(path, "unknown column '" + column + "'" + Problems.didYouMean(column, draft.columns.keySet())
        + "; table '" + draft.name + "' has " + String.join(", ", draft.columns.keySet()));
  }

  /** Types a surrogate id (and so a ref) fits in. */
  static boolean isIdType(ColumnType type) {
    return !type.array() && (type.base() == PgType.BIGINT || type.base() == PgType.INTEGER);
  }
}
