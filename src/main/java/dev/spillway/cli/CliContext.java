package dev.spillway.cli;

import dev.spillway.pg.ClientEnvironment;
import java.io.Console;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command line depends on outside its arguments, passed in so tests can set it: the libpq
 * environment (PG* variables, home directory, OS user), whether standard error is a terminal (the
 * default of {@code --progress}), the terminal's width in columns (progress lines and help wrap to
 * it), the terminal itself for progress bars, and how a password is asked for ({@code -W}: read
 * from the terminal without echo). {@link #system()} is the real process; the only place that asks.
 *
 * @param client         the libpq environment
 * @param stderrTerminal whether standard error is a terminal
 * @param columns        terminal width, at least 40
 * @param terminal       standard error as a stream for progress bars, present only on a terminal
 * @param passwordPrompt asks for a password with the given prompt, never echoing it; empty when
 *                       there is no terminal to ask on
 */
public record CliContext(ClientEnvironment client, boolean stderrTerminal, int columns, Optional<PrintStream> terminal,
    Function<String, Optional<char[]>> passwordPrompt) {
  /** Used when the width is unknown: the width of a classic terminal. */
  static final int DEFAULT_COLUMNS = 80;

  public CliContext {
    if (columns < 40) {
      columns = DEFAULT_COLUMNS;
    }
  }

  /** The real process: System.getenv, System.console(), $COLUMNS. */
  public static CliContext system() {
    Console console = System.console();
    boolean tty = console != null;
    return new CliContext(ClientEnvironment.ofSystem(), tty, columns(System.getenv("COLUMNS")),
        tty ? Optional.of(System.err) : Optional.empty(),
        prompt -> console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt)));
  }

  /** A context for tests: no terminal, {@code columns} wide, no password prompt. */
  public static CliContext of(ClientEnvironment client, int columns) {
    return new CliContext(client, false, columns, Optional.empty(), prompt -> Optional.empty());
  }

  public CliContext withPasswordPrompt(Function<String, Optional<char[]>> prompt) {
    return new CliContext(client, stderrTerminal, columns, terminal, prompt);
  }

  private static int columns(String value) {
    try {
      return value == null ? DEFAULT_COLUMNS : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return DEFAULT_COLUMNS; // $COLUMNS is a hint from the shell; a junk value means "unknown"
    }
  }
}
