package dev.spillway.load;

import dev.spillway.pg.ColumnDef;
import dev.spillway.pg.ForeignKeyDef;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.TableDef;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest's tables as {@link TableDef}s for {@code --create-tables} and for checking existing
 * tables: columns with their canonical types, the id column as primary key, the natural key as a
 * unique constraint, and a foreign key from each reference column to the referenced table's id
 * column.
 */
final class TableDefs {
  private TableDefs() {}

  static List<ColumnDef> columns(ManifestTable table) {
    List<ColumnDef> out = new ArrayList<>();
    for (SpillColumn c : table.columns()) {
      out.add(new ColumnDef(c.name(), c.type().sqlName(), table.notNullColumns().contains(c.name())));
    }
    return out;
  }

  /** Every table of the plan, parents first. */
  static List<TableDef> of(LoadPlan plan) {
    List<TableDef> out = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      List<ForeignKeyDef> references = new ArrayList<>();
      for (Map.Entry<String, String> ref : t.table().references().entrySet()) {
        ManifestTable parent = plan.manifest().table(ref.getValue()).orElseThrow();
        if (parent.idColumn() == null) {
          throw new SpillFormatException(plan.dir().manifestFile(), -1, "table " + t.name() + " column " + ref.getKey()
              + " references table " + parent.name() + ", which has no idColumn to reference");
        }
        references.add(new ForeignKeyDef(ref.getKey(), QualifiedName.of(plan.schema(), parent.name()), parent.idColumn()));
      }
      out.add(new TableDef(t.target(), columns(t.table()), Optional.ofNullable(t.table().idColumn()),
          t.table().keyColumns(), references));
    }
    return out;
  }
}
