package dev.spillway.cli;

import dev.spillway.api.PipelinedRun;
import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.OtherSpillsMode;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.segment.IoErrors;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillState;
import dev.spillway.spill.OutputDirectoryException;
import dev.spillway.spill.SourceChanges;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillway run}: stage one into {@code --work}, then stage two from it. Running the same
 * command again after a failed or killed load resumes it: a complete spill of the same plan in
 * {@code --work} is loaded as it is (its progress rows say what is already in), not spilled again.
 * {@code --force} spills again from scratch.
 */
@Command(name = "run", modelTransformer = RunCommand.RunRejectsHelp.class,
    description = {"Spill the plan's sources into --work, then load the spill into PostgreSQL.",
        "Run the same command again to resume a failed or killed load: a complete spill of the same plan in --work is"
            + " loaded as it is, unless an input file changed since (size, time or sampled contents: it is spilled"
            + " again, naming the file). --force spills again from scratch (a new spill id: when the old spill's rows are in the"
            + " tables, the load refuses unless --replace or --append says what to do with them).",
        "Pipelined: segments load while the spill is still being written, as soon as each is sealed (except those of"
            + " existing tables whose foreign keys are checked while they load: they load after the spill, parents"
            + " first). Keys, foreign keys and ANALYZE come after the data. The spill id is derived from the plan and"
            + " its input files, so a run killed at any point and run again spills the same segments under the same"
            + " id and loads what is left, exactly once (--force: a random id; --incremental: not pipelined)."
            + " Pipelined, the default --segment-size is 8MiB, so that segments seal and load while the spill goes"
            + " on."})
final class RunCommand implements Callable<Integer>, SignalNote {
  /**
   * {@code run --json}: both stages in one document.
   *
   * @param spill the spill's report, null when a complete spill in --work was loaded as it was
   * @param load  the load's summary
   */
  record RunReport(SpillReport spill, LoadSummary load) {}

  /**
   * run's {@code --max-rejects} help (the option is {@link SpillOptionsMixin}'s): says that the
   * segments loaded before a stop stay loaded, unlike after {@code spill}.
   */
  static final class RunRejectsHelp implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      OptionSpec shared = spec.findOption("--max-rejects");
      spec.remove(shared);
      spec.addOption(OptionSpec.builder(shared).description(String.join(" ", shared.description())
          + " run loads segments while stage one reads on, so those committed before a stop stay loaded (the message"
          + " says how many; then fix the input and run again with --replace); --no-pipeline loads nothing until stage"
          + " one has read every input.").build());
      return spec;
    }
  }

  @Spec CommandSpec spec;
  @Mixin HelpMixin help;

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan file (YAML).")
  Path plan;

  @Option(names = "--work", required = true, paramLabel = "DIR", description = "The spill directory to write and load.")
  Path work;

  @Mixin SpillOptionsMixin spillOptions;

  @Option(names = "--force", description = "Spill again even if --work holds a complete spill of this plan, under a"
      + " new, random spill id: to go on after a --force run failed or was stopped, run it again without --force.")
  boolean force;

  @Option(names = "--incremental", description = "Seed the id maps from the rows already in the target tables (as "
      + "`spill --incremental`): new ids start above the existing ones and existing dimension rows are not emitted again.")
  boolean incremental;

  @Option(names = "--max-ahead-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
      description = "How far the spill may run ahead of the load: it waits while more than SIZE of sealed segments"
          + " are not yet loaded (default: 512MiB).")
  long maxAheadBytes = PipelinedRun.DEFAULT_MAX_AHEAD_BYTES;

  @Option(names = "--no-pipeline", description = "Spill everything first, then load (no loading while spilling:"
      + " a stage one that stops leaves nothing loaded).")
  boolean noPipeline;

  @Mixin LoadReportMixin report;
  @Mixin ConnectionMixin connection;
  @Mixin StallTimeoutMixin stall;
  @Mixin LoadOptionsMixin load;
  @Mixin VerboseMixin verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var loadOptions = load.loadOptions(spec);
    if (loadOptions.shared()) { // before stage one: run's early load is one loader's, it cannot share the spill
      throw new ParameterException(spec.commandLine(), "spillway run does not take --shared: to load with several"
          + " loaders, spill once (spillway spill --plan=... --out=DIR), then start spillway load DIR --shared in each"
          + " loader process");
    }
    if (incremental && loadOptions.otherSpills() == OtherSpillsMode.REFUSE) {
      loadOptions = loadOptions.withOtherSpills(OtherSpillsMode.APPEND); // seeded from those rows: adds to them
    }
    ConnectionFactory factory = stall.apply(connection.connectionFactory(err));
    if (incremental && loadOptions.schema().isPresent()) {
      throw new ParameterException(spec.commandLine(), "--incremental seeds from the plan's schema; it cannot be combined"
          + " with --schema " + loadOptions.schema().get());
    }
    SpillResult spilled = null; // stays null when a complete spill in --work is loaded as it is
    LoadSummary loaded;
    if (force || !completeSpillOfThisPlan(err)) {
      PipelinedRun.Result result = spillAndLoad(factory, loadOptions, out);
      spilled = result.spilled();
      loaded = result.loaded();
    } else {
      if (!report.quiet()) {
        err.println("spillway: " + work + " holds a complete spill of " + plan + ": loading it (--force spills again)");
        err.flush();
      }
      loaded = report.loadQuietly(factory, loadOptions, work, err);
    }
    if (report.json()) {
      out.println(JsonReport.render(new RunReport(spilled == null ? null : SpillReport.of(spilled), loaded)));
      out.flush();
    } else {
      report.print(loaded, out);
    }
    return ExitCode.OK;
  }

  /**
   * Without --force the spill id is derived from the plan and its inputs, so the same command spills
   * the same segments and goes on from those loaded. A --force run's id is random: the same command
   * would be another spill; without --force a complete spill in --work is loaded as it is (its own
   * id), else stage one starts over under the derived id, and its load then finds the interrupted
   * run's rows as another spill's.
   */
  @Override
  public String afterSignal() {
    if (!force) {
      return LoadCommand.RESUME;
    }
    return "whatever was committed stays (each segment is in or out whole); --force gave this spill a new id, so run"
        + " the command again without --force: once stage one had finished, the load goes on from where it stopped;"
        + " before that, the spill starts over and, if segments were loaded, asks for --replace";
  }

  /**
   * True when --work is a complete spill whose plan copy has the plan file's exact bytes and whose
   * input files are unchanged (same names, same fingerprints); says on {@code err} which file changed.
   */
  private boolean completeSpillOfThisPlan(PrintWriter err) {
    if (!Files.isRegularFile(work.resolve(SpillDirectory.MANIFEST_FILE))) {
      return false;
    }
    SpillDirectory dir = SpillDirectory.open(work);
    Manifest manifest = new ManifestStore(dir).read();
    if (manifest.state() != SpillState.COMPLETE) {
      return false;
    }
    SpillDirectory.notRegular(dir.planFile()).ifPresent(what -> {
      throw new dev.spillway.segment.SpillFormatException(dir.planFile(), -1, "plan copy " + what);
    });
    try {
      if (!Arrays.equals(Files.readAllBytes(plan), Files.readAllBytes(dir.planFile()))) {
        throw new ParameterException(spec.commandLine(), work + " holds a complete spill of another plan (its plan.yaml"
            + " differs from " + plan + "); use --force to replace it, or another --work");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("comparing " + plan + " with " + dir.planFile() + ": " + IoErrors.describe(e), e);
    }
    Optional<String> changed = SourceChanges.since(plan, manifest);
    if (changed.isPresent()) {
      err.println("spillway: " + changed.get() + ": spilling " + plan + " again into " + work);
      err.flush();
      return false;
    }
    if (!SourceChanges.fingerprinted(manifest)) {
      err.println("spillway: warning: the spill in " + work + " has no input fingerprints (an earlier spillway wrote it):"
          + " cannot tell whether its input files changed; loading it as it is (--force spills again)");
      err.flush();
    }
    return true;
  }

  /** Stage one, loading its segments as they seal, then the rest of the load ({@link PipelinedRun}). */
  private PipelinedRun.Result spillAndLoad(ConnectionFactory factory, LoadOptions loadOptions, PrintWriter out) {
    SpillOptions options = spillOptions.options(plan, work, true);
    if (!noPipeline && !spec.commandLine().getParseResult().hasMatchedOption("--segment-size")) {
      options = options.withMaxSegmentBytes(PipelinedRun.DEFAULT_SEGMENT_BYTES); // segments seal, and load, sooner
    }
    PrintWriter err = spec.commandLine().getErr();
    SpillServices services = spillOptions.services(err, report.progressOutput(err));
    if (incremental) {
      services = services.withExistingRows(new PgExistingRows(factory));
    }
    try {
      return new PipelinedRun(options, services, factory, loadOptions, maxAheadBytes, !noPipeline, !force)
          .run(report.loadProgress(err), spilled -> {
            if (report.textSummaries()) {
              out.print(SpillReport.of(spilled).text());
              out.flush();
            }
          });
    } catch (OutputDirectoryException e) {
      if (IoErrors.isIo(e)) {
        throw e; // it cannot be created, listed, emptied or locked: exit 4, as a spill directory that cannot be written
      }
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
