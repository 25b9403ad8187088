package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.SpillLock;
import dev.spillway.pg.SpillLockedException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared load in one process: how it coexists with other loaders' locks and claims (the
 * multi-process test is {@link SharedLoadTest}).
 */
@ExtendWith(PgExtension.class)
class SharedClaimsTest {
  @TempDir
  Path tmp;

  private static Loader loader(TestDatabase db, boolean shared) {
    return new Loader(LoadDb.factory(db), LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema())
        .withShared(shared), LoadProgress.none());
  }

  /** A spill of packages whose claim rows a first shared load recorded, with its progress rows deleted again. */
  private LoadPlan claimable(TestDatabase db) throws Exception {
    Spill spill = new Packages(2000, 3000, 6).write(tmp.resolve("spill"), db.schema(), 4 * 1024);
    Packages.createTables(db);
    loader(db, true).load(spill.root());
    db.execute("DELETE FROM segment_progress");
    return SpillCheck.plan(spill.root(), java.util.Optional.of(db.schema()));
  }

  private static TablePlan maintainer(LoadPlan plan) {
    return plan.tables().stream().filter(t -> t.name().equals("maintainer")).findFirst().orElseThrow();
  }

  private static dev.spillway.pg.SegmentClaim claims(TestDatabase db) {
    return new dev.spillway.pg.SegmentClaim(new dev.spillway.pg.ControlSchema(db.schema()));
  }

  @Test
  void aLoadWithoutSharedIsRefusedWhileASharedLoaderRunsAndTheOtherWayRound(TestDatabase db) throws Exception {
    Spill spill = new Packages(10, 10, 4).write(tmp.resolve("spill"), db.schema(), 1 << 20);
    Packages.createTables(db);
    try (SpillLock shared = SpillLock.acquire(LoadDb.factory(db), spill.spillId(), true, db.schema())) {
      SpillLockedException e = assertThrows(SpillLockedException.class, () -> loader(db, false).load(spill.root()));
      assertTrue(e.getMessage().contains("backend pid " + shared.backendPid()), e.getMessage());
      assertTrue(e.getMessage().contains("that is a load with --shared: add --shared to join it"), e.getMessage());
      try (SpillLock second = SpillLock.acquire(LoadDb.factory(db), spill.spillId(), true, db.schema())) {
        assertTrue(second.backendPid() != shared.backendPid(), "shared loaders coexist");
      }
      loader(db, true).load(spill.root()); // joins the (idle) shared loader and does all the work
    }
    assertEquals("10", db.queryOne("SELECT count(*) FROM package"));

    Spill other = new Packages(20, 20, 5).write(tmp.resolve("other"), db.schema(), 1 << 20);
    try (SpillLock exclusive = SpillLock.acquire(LoadDb.factory(db), other.spillId(), false)) {
      SpillLockedException e = assertThrows(SpillLockedException.class, () -> loader(db, true).load(other.root()));
      assertTrue(e.getMessage().contains("that load runs without --shared, so no shared loader may join it"),
          e.getMessage());
    }
  }

  /** A shared loader verifies each segment it claims: a corrupt one fails it, with nothing of that segment loaded. */
  @Test
  void aCorruptSegmentFailsTheSharedLoaderThatClaimsIt(TestDatabase db) throws Exception {
    Spill spill = new Packages(50, 50, 7).write(tmp.resolve("spill"), db.schema(), 1 << 20);
    Packages.createTables(db);
    dev.spillway.segment.SealedSegment bad = spill.segments("package").get(0);
    Path file = spill.dir().resolveSegment(bad.file());
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    java.nio.file.Files.write(file, bytes);
    SpillVerificationException e = assertThrows(SpillVerificationException.class, () -> loader(db, true).load(spill.root()));
    assertTrue(e.getMessage().contains(bad.file()), e.getMessage());
    assertEquals("50", db.queryOne("SELECT count(*) FROM maintainer"), "the segments before it are loaded");
    assertEquals("0", db.queryOne("SELECT count(*) FROM package"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM segment_progress WHERE table_name LIKE '%package%'"));
  }

  @Test
  void replaceIsRefusedWithShared(TestDatabase db) throws Exception {
    Spill spill = new Packages(10, 10, 4).write(tmp.resolve("spill"), db.schema(), 1 << 20);
    LoadOptionsException e = assertThrows(LoadOptionsException.class, () -> new Loader(LoadDb.factory(db),
        LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema()).withShared(true)
            .withOtherSpills(OtherSpillsMode.REPLACE), LoadProgress.none()).load(spill.root()));
    assertTrue(e.getMessage().contains("--shared and --replace exclude each other"), e.getMessage());
  }

  /**
   * A segment claimed by a loader that hangs: the shared load loads everything else, waits for it,
   * and loads it itself once that loader's session ends (a loader that died while others waited).
   */
  @Test
  void aClaimHeldByALoaderThatDiesIsLoadedByTheOneWaitingForIt(TestDatabase db) throws Exception {
    Spill spill = new Packages(2000, 3000, 6).write(tmp.resolve("spill"), db.schema(), 4 * 1024);
    Packages.createTables(db);
    int segments = spill.manifest().segments().size();
    assertTrue(spill.segments("maintainer").size() > 2, "maintainer segments: " + spill.segments("maintainer").size());
    loader(db, true).load(spill.root()); // a first load records the claim rows; then everything is undone
    db.execute("TRUNCATE package, maintainer");
    db.execute("DELETE FROM segment_progress");
    db.execute("DELETE FROM table_finish");

    try (Connection dead = db.connect()) {
      dead.setAutoCommit(false);
      try (Statement s = dead.createStatement()) {
        s.execute("SELECT * FROM segment_claim WHERE table_name LIKE '%maintainer%' AND segment_seq = 2 FOR UPDATE");
      }
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> loader(db, true).load(spill.root()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (LoadDb.count(db, "SELECT count(*) FROM segment_progress") < spill.segments("maintainer").size() - 1) {
        assertTrue(System.nanoTime() < deadline, "the other maintainer segments load");
        Thread.sleep(5);
      }
      Thread.sleep(300);
      assertFalse(load.isDone(), "waits for the claimed segment (and package waits for maintainer)");
      assertEquals(spill.segments("maintainer").size() - 1, LoadDb.count(db, "SELECT count(*) FROM segment_progress"));
      dead.rollback(); // its transaction ends as a killed loader's does
      load.get(120, TimeUnit.SECONDS);
    }
    assertEquals(segments, LoadDb.count(db, "SELECT count(*) FROM segment_progress"));
    assertEquals("3000", db.queryOne("SELECT count(*) FROM package"));
    assertEquals("2000", db.queryOne("SELECT count(*) FROM maintainer"));
  }

  /**
   * A loader waiting for a claim another session holds says, after its wait bound, who holds it
   * (pid, client) and the pg_terminate_backend call, then waits on and gets the segment once the
   * holder's transaction ends; its session gets short TCP keepalives.
   */
  @Test
  void aLongWaitForAClaimNamesItsHolderAndWaitsOn(TestDatabase db) throws Exception {
    LoadPlan plan = claimable(db);
    TablePlan maintainer = maintainer(plan);
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    SharedClaims claims = new SharedClaims(claims(db), plan.spillId(), java.time.Duration.ofMillis(300), warnings::add);
    try (Connection holder = db.connect(); Connection waiter = db.connect()) {
      holder.setAutoCommit(false);
      int holderPid;
      try (Statement s = holder.createStatement()) {
        var rs = s.executeQuery("SELECT pg_backend_pid(), (SELECT segment_seq FROM segment_claim WHERE table_name LIKE"
            + " '%maintainer%' ORDER BY segment_seq LIMIT 1 FOR UPDATE)");
        rs.next();
        holderPid = rs.getInt(1);
      }
      CompletableFuture<java.util.Optional<dev.spillway.segment.SealedSegment>> claim =
          CompletableFuture.supplyAsync(() -> claims.claim(waiter, maintainer, true));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (warnings.isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "a warning naming the holder");
        Thread.sleep(20);
      }
      Thread.sleep(1000); // several more wait bounds: the same holder is named once
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("claimed by backend pid " + holderPid), warnings.get(0));
      assertTrue(warnings.get(0).contains("SELECT pg_terminate_backend(" + holderPid + ")"), warnings.get(0));
      assertFalse(claim.isDone(), "still waiting");
      holder.rollback();
      assertEquals(maintainer.segments().get(0), claim.get(60, TimeUnit.SECONDS).orElseThrow());
      waiter.rollback();
      try (Statement s = waiter.createStatement()) {
        var rs = s.executeQuery("SHOW tcp_keepalives_count");
        rs.next();
        assertTrue(rs.getString(1).equals("3") || rs.getString(1).equals("0"), rs.getString(1)); // 0 on a Unix socket
      }
    }
  }

  /**
   * The keepalives are a session's setting: set once per connection, not again with each claim (each
   * claim is then its lock statement and its fresh look at the progress rows, nothing more).
   */
  @Test
  void keepalivesAreSetOncePerConnectionNotPerClaim(TestDatabase db) throws Exception {
    LoadPlan plan = claimable(db);
    TablePlan maintainer = maintainer(plan);
    SharedClaims claims = new SharedClaims(claims(db), plan.spillId());
    java.util.List<String> executed = new java.util.ArrayList<>();
    try (Connection first = db.connect(); Connection second = db.connect()) {
      Connection counted = StatementLog.of(first, executed);
      java.util.List<Integer> perClaim = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int before = executed.size();
        assertTrue(claims.claim(counted, maintainer, false).isPresent());
        perClaim.add(executed.size() - before);
        counted.rollback(); // as a failed segment load does: the claim ends, the session's settings stay
        counted.setAutoCommit(true);
      }
      assertEquals(1, executed.stream().filter(SharedClaims.KEEPALIVES_SQL::equals).count(), executed.toString());
      assertEquals(java.util.List.of(3, 2, 2), perClaim, "statements per claim: " + executed);
      try (Statement s = first.createStatement()) {
        var rs = s.executeQuery("SHOW tcp_keepalives_idle");
        rs.next();
        assertTrue(rs.getString(1).equals("30") || rs.getString(1).equals("0"), rs.getString(1)); // 0 on a Unix socket
      }

      java.util.List<String> other = new java.util.ArrayList<>();
      assertTrue(claims.claim(StatementLog.of(second, other), maintainer, false).isPresent());
      assertEquals(SharedClaims.KEEPALIVES_SQL, other.get(0), "another connection gets them too: " + other);
      second.rollback();
    }
  }
}
