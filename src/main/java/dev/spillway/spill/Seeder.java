package dev.spillway.spill;

import dev.spillway.idmap.IdMapException;
import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.idmap.SeedConflictException;
import dev.spillway.pgbinary.InvalidValueException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Seeds every table's {@link RowIdentity} from the rows already in the target database, before any
 * input is read (incremental loads): keys with their existing ids into the id maps (new ids then
 * start above the largest), keys of link tables into their key sets, the largest id of tables
 * without a key (read as {@code max(id)}, not row by row). Rows are streamed from
 * {@link ExistingRows}; nothing is held on the heap.
 */
final class Seeder {
  private final ExistingRows existing;
  private final String schema;

  Seeder(ExistingRows existing, String schema) {
    this.existing = existing;
    this.schema = schema;
  }

  /** Seeds each table that wants existing rows or their largest id; returns the number of rows read. */
  long seed(Tables tables) {
    long rows = 0;
    for (TableOutput table : tables.inLoadOrder()) {
      RowIdentity identity = table.identity();
      switch (identity.seeding()) {
        case ROWS -> rows += existing.scan(schema, table.spec(), (id, keyParts) -> seedRow(table, identity, id, keyParts));
        case MAX_ID -> existing.maxId(schema, table.spec()).ifPresent(max -> {
          checkIdFits(table, max);
          identity.seedMaxId(max);
        });
        case NONE -> { }
      }
    }
    return rows;
  }

  /** An existing id the plan's {@code integer} id column could not hold means the plan does not match the table. */
  private void checkIdFits(TableOutput table, long id) {
    IdColumn column = table.idColumn();
    if (!column.fits(id)) {
      throw new ExistingRowsException(schema, table.name(), "id " + id + " does not fit the plan's integer column "
          + column.name() + "; declare it bigint");
    }
  }

  private void seedRow(TableOutput table, RowIdentity identity, OptionalLong id, List<String> keyParts) {
    if (table.spec().idColumn().isPresent() && id.isEmpty()) {
      throw new ExistingRowsException(schema, table.name(), "a row without id, key " + shown(keyParts));
    }
    if (id.isPresent()) {
      checkIdFits(table, id.getAsLong());
    }
    if (keyParts.size() != table.spec().key().size()) {
      throw new ExistingRowsException(schema, table.name(), "expected " + table.spec().key().size()
          + " key parts, found " + keyParts.size() + ": " + shown(keyParts));
    }
    try {
      identity.seed(id, keyParts);
    } catch (InvalidValueException e) {
      throw new ExistingRowsException(schema, table.name(), "key " + shown(keyParts) + " is not valid for the key columns "
          + table.spec().key() + ": " + e.reason(), e);
    } catch (SeedConflictException e) {
      throw new ExistingRowsException(schema, table.name(), "the rows with ids " + e.earlierId() + " and " + e.id()
          + " have one natural key " + table.spec().key() + " as the columns' types compare it (this one's is "
          + shown(keyParts) + "; e.g. numeric 100.50 = 100.5, interval 1 mon = 30 days): the table holds a key twice, which"
          + " its unique key would refuse; delete or change one of the two rows", e);
    } catch (IdMapException | KeyTooLongException e) {
      throw new ExistingRowsException(schema, table.name(), "key " + shown(keyParts) + ": " + e.getMessage(), e);
    }
  }

  /** A key read from the database, for messages: {@code ['a', NULL]}. */
  private static String shown(List<String> keyParts) {
    return "[" + KeyText.quoted(keyParts) + "]";
  }
}
