package dev.spillway.cli;

import picocli.CommandLine.Option;

/** {@code -?/--help} as in psql: {@code -h} is the host ({@link ConnectionMixin}). */
public final class HelpMixin {
  @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
