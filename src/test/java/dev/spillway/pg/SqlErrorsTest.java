package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void wrapKeepsStateCauseAndNamesTheOperation() {
    SQLException e = new SQLException("duplicate key value violates unique constraint", "23505");
    PgException wrapped = SqlErrors.wrap("loading segment 3 of \"s\".\"t\"", e);
    assertEquals("loading segment 3 of \"s\".\"t\": duplicate key value violates unique constraint (SQLState 23505)",
        wrapped.getMessage());
    assertEquals(Optional.of("23505"), wrapped.sqlState());
    assertSame(e, wrapped.getCause());
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(Optional.empty(), SqlErrors.wrap("x", new SQLException("no state")).sqlState());
  }

  @Test
  void aServerErrorIsDescribedOnOneLineWithItsDetailOnce() {
    org.postgresql.util.PSQLException e = new org.postgresql.util.PSQLException(new org.postgresql.util.ServerErrorMessage(
        "SERROR\0C23503\0Minsert or update on table \"package\" violates foreign key constraint \"fk\"\0"
            + "DKey (maintainer_id)=(7) is not present in table \"maintainer\".\0WSQL statement \"x\"\nPL/pgSQL function\0"));
    String described = SqlErrors.describe(e);
    assertEquals("insert or update on table \"package\" violates foreign key constraint \"fk\" DETAIL: Key (maintainer_id)=(7)"
        + " is not present in table \"maintainer\". (SQLState 23503)", described);
    assertEquals("a\tb c d (SQLState 1)", SqlErrors.describe(new SQLException("a\tb\n  c\r\nd", "1")));
  }

  @Test
  void interruptionsAnywhereInTheChainAreReasserted() {
    SqlErrors.wrap("copying", new SQLException("interrupted", "08006", new InterruptedException()));
    assertTrue(Thread.interrupted());
    SQLException chained = new SQLException("batch failed");
    chained.setNextException(new SQLException("io", "08006", new InterruptedIOException("read interrupted")));
    SqlErrors.wrap("copying", chained);
    assertTrue(Thread.interrupted());
    SqlErrors.wrap("copying", new SQLException("timeout", "08006", new SocketTimeoutException("Read timed out")));
    assertFalse(Thread.interrupted(), "a socket timeout is not an interruption");
  }
}
