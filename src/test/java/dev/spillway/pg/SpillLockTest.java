package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class SpillLockTest {
  @Test
  void keyIsStableAndSpreads() {
    // pinned: a change here would let an old and a new spillway load the same spill at once
    assertEquals(SpillLockKey.of("spill-a"), SpillLockKey.of("spill-a"));
    assertNotEquals(SpillLockKey.of("spill-a"), SpillLockKey.of("spill-b"));
    // first 8 bytes of SHA-256("spillway:pinned"), computed outside Java
    assertEquals(7153058972180531186L, SpillLockKey.of("pinned"));
  }

  @Test
  void secondLoaderIsRefusedWithTheHolderNamed(TestDatabase db) throws Exception {
    String spillId = TestConnections.uniqueName("spill-");
    ConnectionFactory factory = TestConnections.factory(db);
    try (SpillLock first = SpillLock.acquire(factory.withApplicationName("spillway load #1"), spillId)) {
      SpillLockedException e = assertThrows(SpillLockedException.class,
          () -> SpillLock.acquire(factory.withApplicationName("spillway load #2"), spillId));
      assertEquals(spillId, e.spillId());
      assertEquals(OptionalInt.of(first.backendPid()), e.holderPid());
      assertEquals(Optional.of("spillway load #1"), e.holderApplicationName());
      assertTrue(e.getMessage().contains("spill " + spillId + " is already being loaded"), e.getMessage());
      assertTrue(e.getMessage().contains("backend pid " + first.backendPid()), e.getMessage());
      assertTrue(e.getMessage().contains("\"spillway load #1\""), e.getMessage());
      first.verifyHeld();
      try (SpillLock other = SpillLock.acquire(factory, spillId + "-other")) {
        other.verifyHeld(); // a different spill is not blocked
      }
    }
    try (SpillLock again = SpillLock.acquire(factory, spillId)) {
      again.verifyHeld(); // released by close()
    }
  }

  @Test
  void aKilledHolderLeavesNoLockBehind(TestDatabase db) throws Exception {
    String spillId = TestConnections.uniqueName("spill-");
    ConnectionFactory factory = TestConnections.factory(db);
    SpillLock first = SpillLock.acquire(factory, spillId);
    try (Connection admin = db.connectAdmin()) {
      // waits until the backend is gone (up to a minute), so its lock is gone too
      assertEquals("t", TestConnections.queryOne(admin, "SELECT pg_terminate_backend(" + first.backendPid() + ", 60000)"));
    }
    PgException lost = assertThrows(PgException.class, first::verifyHeld);
    assertTrue(lost.getMessage().contains(spillId), lost.getMessage());
    first.close(); // closing a dead session is harmless
    try (SpillLock second = SpillLock.acquire(factory, spillId)) {
      second.verifyHeld();
    }
  }

  /** Shared loaders keep their claims in their control schema: one with another schema would load the spill again. */
  @Test
  void sharedLoaderWithAnotherControlSchemaIsRefusedWithThatSchemaNamed(TestDatabase db) throws Exception {
    String spillId = TestConnections.uniqueName("spill-");
    String theirs = TestConnections.uniqueName("ctl_a_");
    ConnectionFactory factory = TestConnections.factory(db);
    try (Connection admin = db.connectAdmin()) { // a control schema with a claim table, as a shared loader leaves it
      TestConnections.execute(admin, "CREATE SCHEMA " + theirs + "; CREATE TABLE " + theirs + "."
          + ControlSchema.CLAIM_TABLE + " (x int)");
    }
    try (SpillLock first = SpillLock.acquire(factory.withApplicationName("spillway load #1"), spillId, true, theirs);
        SpillLock same = SpillLock.acquire(factory, spillId, true, theirs)) {
      same.verifyHeld(); // same control schema: shared loaders coexist
      SpillLockedException e = assertThrows(SpillLockedException.class,
          () -> SpillLock.acquire(factory.withApplicationName("spillway load #2"), spillId, true, "ctl_b"));
      assertTrue(e.getMessage().contains("--control-schema " + theirs + " and this one --control-schema ctl_b"),
          e.getMessage());
      assertTrue(e.holderPid().isPresent());
      assertTrue(e.holderPid().getAsInt() == first.backendPid() || e.holderPid().getAsInt() == same.backendPid());
      first.verifyHeld();
    } finally {
      try (Connection admin = db.connectAdmin()) {
        TestConnections.execute(admin, "DROP SCHEMA " + theirs + " CASCADE");
      }
    }
    try (SpillLock again = SpillLock.acquire(factory, spillId, true, "ctl_b")) {
      again.verifyHeld(); // the others are gone: another schema is fine now
    }
  }
}
