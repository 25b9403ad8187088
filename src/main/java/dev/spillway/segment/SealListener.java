package dev.spillway.segment;

/**
 * Told about each segment once it is durable: after its rename and the directory fsync, on the
 * writer's thread, before the writer continues. Stage one rewrites the manifest here. An exception
 * thrown by the listener propagates out of the writer call that sealed the segment.
 */
@FunctionalInterface
public interface SealListener {
  void sealed(SealedSegment segment);

  SealListener NONE = segment -> { };
}
