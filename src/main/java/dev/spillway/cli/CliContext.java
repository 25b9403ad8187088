package dev.spillway.cli;

import dev.spillway.pg.ClientEnvironment;
import java.io.Console;
import java.io.PrintStream;
import java.nio.charset.Charset;
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
 * @param terminal       standard error as a stream for progress bars, present only on a terminal;
 *                       always a {@link TerminalStream} (wrapped here when it is not one), the
 *                       one owner of the terminal's last line
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
    terminal = terminal.map(t -> TerminalStream.over(t, Charset.defaultCharset()));
  }

  /** {@link #terminal()} as what it always is, the owner of the terminal's last line. */
  Optional<TerminalStream> terminalLine() {
    return terminal.map(TerminalStream.class::cast);
  }

  /** The real process: System.getenv, whether fd 2 is a terminal, its width, System.console() for prompts. */
  public static CliContext system() {
    Console console = System.console();
    boolean tty = stderrIsTerminal(console);
    return new CliContext(ClientEnvironment.ofSystem(), tty, tty ? terminalColumns() : columns(System.getenv("COLUMNS")),
        tty ? Optional.of(TerminalStream.over(System.err, stderrCharset())) : Optional.empty(),
        prompt -> console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt)));
  }

  /**
   * Whether standard error is a terminal: on Linux what file descriptor 2 points to (so progress shows
   * with stdout redirected, {@code spillway spill ... > summary.txt}); elsewhere whether there is a console.
   */
  private static boolean stderrIsTerminal(Console console) {
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return console != null; // no /proc: the console is the best guess there is
    }
  }

  /** The terminal's width from {@code stty size} on /dev/tty, else $COLUMNS, else 80. */
  private static int terminalColumns() {
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
      if (stty.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && stty.exitValue() == 0 && out.matches("\\d+ \\d+")) {
        return Integer.parseInt(out.substring(out.indexOf(' ') + 1));
      }
    } catch (java.io.IOException e) {
      // no stty or no /dev/tty: fall back to $COLUMNS
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return columns(System.getenv("COLUMNS"));
  }

  /** The charset System.err encodes text in (Java 17: sun.stderr.encoding when set, else the default). */
  private static Charset stderrCharset() {
    String name = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset(); // System.err itself falls back to it on a name it does not know
    }
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
