package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The segments earlier runs committed, read before the pre-flight so that it verifies only what is
 * left: resuming a 100 GB spill to load its last segment reads that segment, not 100 GB. Read-only,
 * so the pre-flight still runs before the database is touched: when the control tables do not exist
 * nothing was loaded and nothing is created, and no lock is taken.
 *
 * <p>A read without the spill lock can be outdated by the time the load starts: the load reads the
 * progress again under the lock ({@link LoadedSegments}) and verifies any segment it must load that
 * this read had counted as loaded (a progress row deleted in between), before loading it.
 */
final class PriorProgress {
  private PriorProgress() {}

  /** On {@code connection} (opened while the manifest was read), which it closes. */
  static LoadedSegments read(Connection connection, ControlSchema control, LoadPlan plan) {
    try (Connection c = connection) {
      if (!new Catalog(c).tableExists(control.progressTable())) {
        return LoadedSegments.none();
      }
      return LoadedSegments.read(c, new ProgressTable(control), control.progressTable(), plan);
    } catch (SQLException e) {
      throw SqlErrors.wrap("closing the connection that read the progress of spill " + plan.spillId(), e);
    }
  }
}
