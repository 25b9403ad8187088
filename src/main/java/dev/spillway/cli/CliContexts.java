package dev.spillway.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Finds the {@link CliContext} of a command: the root command ({@link SpillwayCommand}) holds it. */
final class CliContexts {
  private CliContexts() {}

  static CliContext of(CommandSpec spec) {
    Object root = spec.root().userObject();
    if (root instanceof SpillwayCommand s) {
      return s.context();
    }
    throw new IllegalStateException("command " + spec.qualifiedName() + " is not under spillway's root command");
  }
}
