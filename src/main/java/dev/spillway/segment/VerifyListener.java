package dev.spillway.segment;

/**
 * Hears how far {@link SpillVerifier} has got, for a progress display. Called on the verifying
 * thread, after each segment, whatever its outcome.
 */
@FunctionalInterface
public interface VerifyListener {
  /**
   * @param segmentsDone segments checked so far (1 .. segmentsTotal)
   * @param segmentsTotal segments the manifest lists
   * @param bytesDone    stored bytes of the segments checked so far
   * @param bytesTotal   stored bytes of all listed segments
   */
  void progress(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal);

  VerifyListener NONE = (segmentsDone, segmentsTotal, bytesDone, bytesTotal) -> { };
}
