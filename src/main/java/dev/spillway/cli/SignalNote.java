package dev.spillway.cli;

/**
 * A command's word to the user when a signal (Ctrl-C, SIGTERM) ends the process before the command
 * returns: what the interruption left and what works next, for this command as it was called
 * (printed by {@link Main}'s shutdown hook after {@link Main#STOPPED}). A command that leaves
 * nothing behind needs none.
 */
interface SignalNote {
  /** The text after {@code STOPPED + "; "}; called on the shutdown hook's thread once the command line was parsed. */
  String afterSignal();
}
