package dev.spillway.cli;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}: print the cause chain of an error ({@link ErrorHandler} reads it). */
public final class VerboseMixin {
  @Option(names = {"-v", "--verbose"}, description = "Print the full cause chain of errors.")
  boolean verbose;

  public boolean verbose() {
    return verbose;
  }
}
