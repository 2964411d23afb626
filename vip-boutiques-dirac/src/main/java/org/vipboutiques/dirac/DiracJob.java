package org.vipboutiques.dirac;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.monitor.DiracState;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.dirac.wrapper.ResultSummary;
import org.vipboutiques.dirac.wrapper.SandboxOutputs;
import org.vipboutiques.dirac.wrapper.WrapperExit;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.MissingOutput;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.OutputCollector;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * A grid job. Its id is the key (its JobName) until DIRAC gives it a job id, then that id. Its
 * state follows DIRAC's (polled by the executor's monitor); when it ends, its output sandbox is
 * unpacked into the job folder (logs, the wrapper's summary, the outputs that came back) and its
 * result is built from the wrapper's summary.
 */
public final class DiracJob extends AbstractJob {

  private static final Logger LOG = LoggerFactory.getLogger(DiracJob.class);
  /** Where the output sandbox is unpacked, inside the job folder. */
  public static final String OUTPUT_FOLDER = ".vipb-dirac/output";
  /** The LFNs of outputs uploaded to a storage element, inside the job folder. */
  public static final String GRID_OUTPUTS = ".vipb-dirac/grid-outputs.json";

  private final String key;
  private final PreparedJob prepared;
  private final DiracExecutor executor;
  private volatile Long diracId;
  private volatile Instant startedAt;
  private volatile Instant completedSince;
  private volatile int misses;
  private volatile boolean finishing;
  private volatile DiracState lastState;

  DiracJob(String key, PreparedJob prepared, DiracExecutor executor) {
    super(key, "dirac", prepared.folder(), prepared.request().listeners());
    this.key = key;
    this.prepared = prepared;
    this.executor = executor;
    announce();
  }

  /** The client-side key, also the job's JobName in DIRAC. */
  public String key() {
    return key;
  }

  /** DIRAC's job id, once submitted. */
  public Optional<Long> diracId() {
    return Optional.ofNullable(diracId);
  }

  /** The last DIRAC state seen. */
  public Optional<DiracState> diracState() {
    return Optional.ofNullable(lastState);
  }

  PreparedJob prepared() {
    return prepared;
  }

  void submitted(long id) {
    this.diracId = id;
    id(Long.toString(id));
    transition(JobState.QUEUED, "Received");
  }

  boolean isFinishing() {
    return finishing;
  }

  void markFinishing() {
    finishing = true;
  }

  @Override
  protected boolean requestCancel() {
    executor.requestKill(this);
    return true;
  }

  boolean wasCancelRequested() {
    return cancelRequested();
  }

  /** A status seen by the monitor (not final). */
  void observed(JobStatusRecord r, DiracState state) {
    misses = 0;
    lastState = state;
    if (state == DiracState.RUNNING && startedAt == null) {
      startedAt = Instant.now();
    }
    if (state == DiracState.COMPLETED) {
      if (completedSince == null) {
        completedSince = Instant.now();
      }
    } else {
      completedSince = null;
    }
    transition(state.jobState().isFinal() ? JobState.RUNNING : state.jobState(), r.describe());
  }

  Optional<Instant> completedSince() {
    return Optional.ofNullable(completedSince);
  }

  int missed() {
    return ++misses;
  }

  /** Ends the job without a DIRAC answer to go by (never submitted, unknown to DIRAC). */
  void failWithout(String why, boolean cancelled) {
    finishing = true;
    JobState state = cancelled ? JobState.CANCELLED : JobState.FAILED;
    Instant now = Instant.now();
    OutputCollector.Found found = OutputCollector.collect(prepared.request().descriptor(), prepared.simulation(),
        prepared.folder());
    finish(new JobResult(id(), state, cancelled ? "cancelled" : "not submitted", Optional.empty(), Optional.empty(),
        prepared.folder(), prepared.stdoutFile(), prepared.stderrFile(), "", "", Map.of(), found.missing(),
        prepared.commandLine(), Optional.empty(), prepared.submittedAt(), Optional.empty(), now,
        cancelled ? Optional.empty() : Optional.of(why)));
  }

  /**
   * Ends the job from its final DIRAC status and its output sandbox (already unpacked in
   * {@link #OUTPUT_FOLDER} when {@code outputFetched}).
   */
  void complete(JobStatusRecord r, DiracState state, boolean outputFetched, Optional<String> fetchProblem) {
    Path folder = prepared.folder();
    Path out = folder.resolve(OUTPUT_FOLDER);
    LogCapture stdout = new LogCapture(prepared.stdoutFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDOUT, l));
    LogCapture stderr = new LogCapture(prepared.stderrFile(), LogCapture.DEFAULT_TAIL, l -> line(LogStream.STDERR, l));
    copyInto(out.resolve(GridJobPlanner.STDOUT), stdout);
    copyInto(out.resolve(GridJobPlanner.STDERR), stderr);
    Optional<ResultSummary> summary = ResultSummary.read(out.resolve(GridJobPlanner.SUMMARY));
    Optional<String> unpackProblem = summary.flatMap(s -> SandboxOutputs.unpack(s,
        out.resolve(GridJobPlanner.OUTPUTS_TAR), folder, executor.settings().unpackLimits()));
    Map<String, List<String>> lfns = new LinkedHashMap<>();
    summary.ifPresent(s -> s.outputs().forEach(o -> o.lfn().ifPresent(l -> lfns.computeIfAbsent(o.id(),
        k -> new ArrayList<>()).add(l))));
    if (!lfns.isEmpty()) {
      writeGridOutputs(folder.resolve(GRID_OUTPUTS), lfns);
    }
    OutputCollector.Found found = OutputCollector.collect(prepared.request().descriptor(), prepared.simulation(),
        folder);
    // An output uploaded to the storage element exists even when it did not come back.
    List<MissingOutput> missing = found.missing().stream().filter(m -> !lfns.containsKey(m.id())).toList();
    List<MissingOutput> missingRequired = missing.stream().filter(m -> !m.optional()).toList();

    JobState result;
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> why = Optional.empty();
    boolean infrastructure = false; // the grid failed the job, not the tool: another attempt may succeed
    String backend = r.describe();
    boolean cancelled = state == DiracState.KILLED || state == DiracState.DELETED;
    if (cancelled || wasCancelRequested() && state != DiracState.DONE) {
      result = JobState.CANCELLED;
    } else if (summary.isEmpty()) {
      result = JobState.FAILED;
      infrastructure = state == DiracState.FAILED; // stalled, failed at setup, its pilot lost
      why = Optional.of("DIRAC reports the job " + backend + " and no wrapper summary came back"
          + (outputFetched ? "" : " (no output sandbox" + fetchProblem.map(p -> ": " + p).orElse("") + ")")
          + "; see `vip-boutiques dirac output " + diracId + "` and the job's DIRAC logging info");
    } else {
      ResultSummary s = summary.get();
      exitCode = s.toolExit();
      if (!s.key().isEmpty() && !s.key().equals(key)) {
        result = JobState.FAILED;
        why = Optional.of("the output sandbox of DIRAC job " + diracId + " belongs to job " + s.key() + ", not "
            + key + ": the id was matched to the wrong job");
      } else if (s.exit() == WrapperExit.OK && state == DiracState.FAILED) {
        // DIRAC has the last word: a job its watchdog or job wrapper failed did not succeed.
        result = JobState.FAILED;
        infrastructure = true;
        why = Optional.of("DIRAC reports the job " + backend + " although the tool finished");
      } else if (s.exit() == WrapperExit.OK) {
        if (missingRequired.isEmpty() && unpackProblem.isEmpty()) {
          result = JobState.SUCCEEDED;
        } else {
          result = JobState.FAILED;
          why = unpackProblem.or(() -> Optional.of("required output" + (missingRequired.size() > 1 ? "s" : "")
              + " missing: " + String.join(", ", missingRequired.stream().map(m -> m.id() + " (" + m.path() + ")")
                  .toList())));
        }
      } else if (s.exit() == WrapperExit.TOOL) {
        result = JobState.FAILED;
        if (s.timedOut()) {
          why = Optional.of("timed out on " + s.host() + ": " + s.message());
        }
      } else {
        result = JobState.FAILED;
        infrastructure = true; // its files, the storage element or the container failed on the worker
        why = Optional.of(s.exit().className() + " failure on the worker (wrapper exit " + s.exit().code() + "): "
            + s.message());
      }
    }
    Optional<String> container = summary.map(s -> s.runtime() + " on " + s.host());
    Optional<Instant> started = Optional.ofNullable(startedAt)
        .or(() -> summary.flatMap(ResultSummary::toolStartedAt).flatMap(DiracJob::instant));
    try {
      stdout.close();
      stderr.close();
    } catch (IOException e) {
      // the tails in memory remain
    }
    JobResult ended = new JobResult(id(), result, backend, exitCode,
        exitCode.flatMap(c -> prepared.request().descriptor().describeExitCode(c)), folder, prepared.stdoutFile(),
        prepared.stderrFile(), stdout.tail(), stderr.tail(), found.files(), missing, prepared.commandLine(), container,
        prepared.submittedAt(), started, Instant.now(), why);
    if (infrastructure && result == JobState.FAILED && why.isPresent()) {
      ended = ended.withFailure(FailureKind.INFRASTRUCTURE, why.get());
    }
    finish(ended);
  }

  private static Optional<Instant> instant(String s) {
    try {
      return Optional.of(Instant.parse(s));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void copyInto(Path file, LogCapture capture) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(capture);
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}", file, e.toString());
    }
  }

  private static void writeGridOutputs(Path file, Map<String, List<String>> lfns) {
    JsonObject o = new JsonObject();
    lfns.forEach((id, list) -> {
      JsonArray a = new JsonArray();
      list.forEach(a::add);
      o.add(id, a);
    });
    try {
      OwnerOnly.createFolders(file.getParent());
      OwnerOnly.write(file, o + "\n");
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", file, e.toString());
    }
  }
}
