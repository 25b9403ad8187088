package dev.spillway.spill;

import dev.spillway.input.CodeFields;
import dev.spillway.input.CodeRecord;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stage one fed from code: the entry point next to {@link Spill} for plans with sources that have
 * {@code name:} and no {@code file:}. {@link #start} does what {@link Spill#run} does up to reading
 * (checks, output directory, open manifest, seeding) and reads the plan's file sources, if any;
 * then each {@link #record} call is one record of a source fed from code, processed exactly as a
 * CSV record of that source (same {@link RecordProcessor}: all or nothing, parked while a ref is
 * undecided, rejects to rejects.csv with the source's name and the record's 1-based sequence
 * number within the source); {@link #finish} decides the parked records and completes the spill.
 *
 * <p>A failure inside a call (a reject past the limit, {@code missing: error}, I/O) ends the run as
 * a failed CLI spill ends: {@link #abort} is called, the manifest stays {@code open}. A record the
 * caller built wrongly (unknown source, a map for a positional source, an unsupported value class)
 * is an IllegalArgumentException that changes nothing. Single-threaded.
 */
public final class CodeSpiller {
  /** What one source fed from code needs per record. */
  private static final class Feed {
    final CodeFields fields;
    final RecordProcessor processor;
    /** Records handed in so far; the next one's sequence number is this plus one. */
    long sequence;

    Feed(CodeFields fields, RecordProcessor processor) {
      this.fields = fields;
      this.processor = processor;
    }
  }

  private final Plan plan;
  private final SpillSession session;
  /** By source name, in plan order. */
  private final Map<String, Feed> feeds = new LinkedHashMap<>();

  private CodeSpiller(Plan plan, SpillSession session) {
    this.plan = plan;
    this.session = session;
  }

  /**
   * Starts a spill of {@code plan} into {@code options.outDir()}; {@code planText} becomes its
   * {@code plan.yaml}. Throws as {@link Spill#run} does before anything is written.
   */
  public static CodeSpiller start(Plan plan, byte[] planText, SpillOptions options, SpillServices services) {
    Objects.requireNonNull(plan, "plan");
    SpillSession session = SpillSession.start(plan, planText.clone(), options, services);
    CodeSpiller spiller = new CodeSpiller(plan, session);
    try {
      for (SourceSpec source : SpillSession.codeSources(plan)) {
        CodeFields fields = CodeFields.of(source);
        CodeFields.Shape shape = source.fieldNames().isEmpty() ? CodeFields.Shape.LIST : CodeFields.Shape.MAP;
        spiller.feeds.put(source.name(), new Feed(fields, session.codeProcessor(source, fields.header(shape))));
      }
    } catch (RuntimeException e) {
      session.abort(e);
      throw e;
    }
    return spiller;
  }

  /** One map record of source {@code source}: see {@link CodeFields}. */
  public void record(String source, Map<String, ?> fields) {
    Feed feed = feed(source);
    CodeRecord record = feed.fields.fromMap(fields, feed.sequence + 1);
    feed.sequence++;
    process(feed, record);
  }

  /** One list record of source {@code source} ({@code $1} is element 0): see {@link CodeFields}. */
  public void record(String source, List<?> fields) {
    Feed feed = feed(source);
    CodeRecord record = feed.fields.fromList(fields, feed.sequence + 1);
    if (record == null) {
      var malformed = feed.fields.tooShort(fields, feed.sequence + 1);
      feed.sequence++;
      guarded(() -> feed.processor.malformed(malformed));
      return;
    }
    feed.sequence++;
    process(feed, record);
  }

  private void process(Feed feed, CodeRecord record) {
    guarded(() -> feed.processor.process(record));
  }

  private void guarded(Runnable step) {
    if (session.ended()) {
      throw new IllegalStateException("this spill has ended; records can no longer be added");
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      session.abort(e);
      throw e;
    }
  }

  private Feed feed(String source) {
    Objects.requireNonNull(source, "source");
    Feed feed = feeds.get(source);
    if (feed == null) {
      boolean fileSource = plan.sources().stream().anyMatch(s -> source.equals(s.name()));
      throw new IllegalArgumentException("plan " + plan.planFile() + ": " + (fileSource
          ? "source '" + source + "' reads files; only sources without file: are fed from code"
          : "no source named '" + source + "'") + "; sources fed from code: " + feeds.keySet());
    }
    return feed;
  }

  /** Records handed to {@code source} so far (the last one's sequence number). */
  public long recordCount(String source) {
    return feed(source).sequence;
  }

  /** Completes the spill: see {@link SpillSession#finish}. */
  public SpillResult finish() {
    return session.finish();
  }

  /** Ends the spill unfinished (manifest {@code open}, unloadable); nothing when it has ended already. */
  public void abort(RuntimeException cause) {
    session.abort(cause);
  }

  /** Whether the spill was finished or aborted. */
  public boolean ended() {
    return session.ended();
  }
}
