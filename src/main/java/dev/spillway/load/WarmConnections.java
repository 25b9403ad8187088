package dev.spillway.load;

import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections opened ahead, each on a thread of its own, while the load does something else (the
 * jobs' connections while the tables are set up): connecting costs a few round trips and
 * milliseconds that need not wait for each other. {@link #open} hands out an opened one, waiting
 * for it if need be, then opens new ones; an opening that failed is thrown by the {@link #open}
 * that takes it, as opening there would have. {@link #close} closes what was never handed out.
 * Thread-safe.
 */
final class WarmConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarmConnections.class);

  private final ArrayDeque<CompletableFuture<Connection>> opening = new ArrayDeque<>();
  private ConnectionFactory factory;

  /** Starts opening {@code count} connections of {@code factory}, on daemon threads; once per instance. */
  void start(ConnectionFactory connections, int count) {
    synchronized (opening) {
      checkState(factory == null, "started twice");
      factory = connections;
      for (int i = 0; i < count; i++) {
        opening.add(CompletableFuture.supplyAsync(connections::open, r -> {
          Thread t = new Thread(r, "spillway-connect");
          t.setDaemon(true);
          t.start();
        }));
      }
    }
  }

  /** An opened connection (or the failure to open it), else a new one; only after {@link #start}. */
  Connection open() {
    CompletableFuture<Connection> next;
    ConnectionFactory connections;
    synchronized (opening) {
      checkState(factory != null, "not started");
      next = opening.poll();
      connections = factory;
    }
    return next == null ? connections.open() : join(next);
  }

  /** Closes the connections never handed out, once they are open (a failed opening is ignored). */
  @Override
  public void close() {
    synchronized (opening) {
      opening.forEach(f -> f.thenAccept(WarmConnections::closeQuietly));
      opening.clear();
    }
  }

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.warn("closing an unused load connection failed: {}", SqlErrors.describe(e));
    }
  }
}
