package dev.spillway.load;

/**
 * The thread running a load was interrupted. Segments in flight were cancelled or finished; those
 * committed stay loaded and the same command resumes. Names the spill directory. Exit code 1.
 */
public final class LoadInterruptedException extends RuntimeException {
  public LoadInterruptedException(String spillDirectory, InterruptedException cause) {
    super("load of spill directory " + spillDirectory + " interrupted; committed segments stay loaded, run the same "
        + "command again to resume", cause);
  }
}
