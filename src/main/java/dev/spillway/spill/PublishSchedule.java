package dev.spillway.spill;

import java.util.function.LongSupplier;

/**
 * When stage one rewrites the open manifest as segments seal. Every rewrite serialises the whole
 * manifest, so rewriting after each seal costs time quadratic in the number of segments. Instead a
 * seal publishes when {@code max(}{@value #MIN_SEALS}{@code , listed / }{@value #GROWTH_DIVISOR}{@code )}
 * segments sealed since the last publication, so the number of publications grows only
 * logarithmically once the manifest is large and the total work stays linear (about
 * {@value #GROWTH_DIVISOR} + 1 times the final manifest), or when {@value #MAX_LAG_MILLIS} ms
 * passed since the last one, so a slow run's manifest stays fresh. The open manifest may therefore
 * lag behind the sealed segments (never the reverse: only durable segments are listed); the final,
 * complete manifest always lists every segment. Single-threaded.
 */
final class PublishSchedule {
  static final int MIN_SEALS = 16;
  static final int GROWTH_DIVISOR = 8;
  static final long MAX_LAG_MILLIS = 5_000;

  /** Wall-clock milliseconds, e.g. the run's {@code Clock::millis}. */
  private final LongSupplier millis;
  /** Seals since the last publication. */
  private int sealsSincePublished;
  /** When the manifest was last published. */
  private long publishedAtMillis;

  PublishSchedule(LongSupplier millis) {
    this.millis = millis;
    this.publishedAtMillis = millis.getAsLong();
  }

  /** One more segment sealed, {@code listed} now in total: whether to publish now. */
  boolean sealed(int listed) {
    sealsSincePublished++;
    return sealsSincePublished >= Math.max(MIN_SEALS, listed / GROWTH_DIVISOR)
        || millis.getAsLong() - publishedAtMillis >= MAX_LAG_MILLIS;
  }

  /** The manifest was just published. */
  void published() {
    sealsSincePublished = 0;
    publishedAtMillis = millis.getAsLong();
  }
}
