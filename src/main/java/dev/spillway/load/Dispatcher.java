package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoadQueue}'s tasks on {@code jobs} worker threads, each with a connection of its
 * own, taken from {@code connections} on first use ({@link WarmConnections}: opened ahead) and
 * replaced when it is lost. The calling thread is the only one that
 * touches the queue and the listener: it hands a ready task to a free worker, waits for a
 * completion, reports it, and repeats. After the first failure nothing new starts; tasks already
 * running finish (their segments commit), then the first failure is thrown with later ones
 * suppressed. Connections are closed before {@link #run} returns. One run per instance.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Runs one task on a worker's connection. */
  @FunctionalInterface
  interface Runner {
    Object run(Connection connection, LoadTask task);
  }

  /** Hears of each task handed out and each that completed, on the dispatching thread. */
  interface Listener {
    void dispatched(LoadTask task);

    void completed(LoadTask task, Object result);
  }

  private final Supplier<Connection> connections;
  private final int jobs;
  /** Names the load in thread names and errors. */
  private final String spillDirectory;
  /**
   * Run on the dispatching thread before each task is handed out (the spill lock's
   * {@link dev.spillway.pg.SpillLock#verifyHeld}); a throw stops new work like a failed task.
   */
  private final Runnable beforeEachTask;

  Dispatcher(Supplier<Connection> connections, int jobs, String spillDirectory, Runnable beforeEachTask) {
    checkArgument(jobs >= 1, "jobs < 1: %s", jobs);
    this.connections = connections;
    this.jobs = jobs;
    this.spillDirectory = spillDirectory;
    this.beforeEachTask = beforeEachTask;
  }

  void run(LoadQueue queue, Runner runner, Listener listener) {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "spillway-load-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    List<Worker> workers = new ArrayList<>();
    ArrayDeque<Worker> idle = new ArrayDeque<>();
    for (int i = 0; i < jobs; i++) {
      Worker w = new Worker();
      workers.add(w);
      idle.add(w);
    }
    Throwable failure = null;
    int running = 0;
    try {
      while (true) {
        while (failure == null && !idle.isEmpty()) {
          Optional<LoadTask> next = queue.next();
          if (next.isEmpty()) {
            break;
          }
          try {
            beforeEachTask.run();
          } catch (RuntimeException e) {
            failure = e;
            break;
          }
          Worker w = idle.pop();
          running++;
          listener.dispatched(next.get());
          pool.execute(() -> completions.add(w.run(next.get(), runner)));
        }
        if (running == 0) {
          break;
        }
        Completion c = completions.take();
        running--;
        idle.push(c.worker);
        if (c.failure != null) {
          failure = firstOf(failure, c.failure);
        } else if (failure == null) {
          queue.done(c.task);
          listener.completed(c.task, c.result);
        }
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      failure = firstOf(failure, new LoadInterruptedException(spillDirectory, e));
    } catch (RuntimeException | Error e) {
      pool.shutdownNow();
      failure = firstOf(failure, e);
    } finally {
      stop(pool);
      workers.forEach(Worker::closeConnection);
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    checkState(queue.allDone(), "load of %s stopped with tasks left that can never start (a table waits for a "
        + "parent that is not loaded)", spillDirectory);
  }

  private static Throwable firstOf(Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    if (first != next) {
      first.addSuppressed(next);
    }
    return first;
  }

  private static void stop(ExecutorService pool) {
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        pool.shutdownNow();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A task's outcome: its result or its failure, and the worker that is free again. */
  private record Completion(Worker worker, LoadTask task, Object result, Throwable failure) {}

  /**
   * One job's connection. Used by one task at a time (the dispatcher hands a worker out only when
   * it is idle), so the connection needs no lock; the completion queue orders the hand-overs.
   */
  private final class Worker {
    /** Open connection, or null before first use and after it was lost or a task failed. */
    private Connection connection;

    Completion run(LoadTask task, Runner runner) {
      try {
        if (connection == null) {
          connection = connections.get();
        }
        Object result = runner.run(connection, task);
        if (connection.isClosed()) {
          connection = null; // lost, yet the task succeeded (a commit confirmed by the progress row)
        }
        return new Completion(this, task, result, null);
      } catch (Throwable t) {
        closeConnection();
        return new Completion(this, task, null, t);
      }
    }

    void closeConnection() {
      if (connection == null) {
        return;
      }
      try {
        connection.close();
      } catch (SQLException e) {
        // The session is over either way and the load's outcome is decided by its commits: say so, don't fail.
        LOG.warn("closing a load connection failed: {}", SqlErrors.describe(e));
      } finally {
        connection = null;
      }
    }
  }
}
