package org.vipboutiques.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.vipboutiques.Boutiques;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.InputType;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.invocation.InvocationError;
import org.vipboutiques.invocation.InvocationRule;
import org.vipboutiques.invocation.InvocationValidator;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * A sweep of one tool over lists of input values, expanded as VIP expands it: the inputs named
 * in {@code custom."vip:dot"} are zipped (lists of equal length), the others crossed, and the
 * zipped tuples crossed with the rest. Inputs without a list keep their defaults.
 *
 * <pre>{@code
 * SweepPlan plan = Sweep.builder(bet).values("infile", List.of(Path.of("a.nii"), Path.of("b.nii")))
 *     .values("frac", List.of(0.3, 0.5)).plan();
 * SubmittedSweep running = Sweep.submit(executor, plan, Path.of("sweep-bet"), request -> {});
 * SweepResults results = running.await();
 * }</pre>
 *
 * <p>{@link Builder#plan()} checks every combination (the invocation rules, the command line, that
 * outputs stay in the job folder) before anything runs: all are valid, or none is submitted.
 */
public final class Sweep {

  /** The most jobs a sweep makes unless {@link Builder#maxJobs} says otherwise. */
  public static final int DEFAULT_MAX_JOBS = 10_000;

  /** The {@code custom} key naming the zipped inputs, as VIP reads it. */
  public static final String DOT_KEY = "vip:dot";

  /** The input VIP adds to every application, which {@code vip:dot} may name. */
  static final String VIP_RESULTS_DIRECTORY = "results-directory";

  private Sweep() {}

  public static Builder builder(Descriptor descriptor) {
    return new Builder(descriptor);
  }

  /**
   * The input ids listed in the descriptor's {@code custom."vip:dot"} (empty when absent);
   * entries that are not strings are left out (see {@link #dotProblems}).
   */
  public static List<String> dotInputs(Descriptor descriptor) {
    Optional<JsonValue> dot = descriptor.custom().get(DOT_KEY);
    if (dot.isEmpty() || !(dot.get() instanceof JsonArray array)) {
      return List.of();
    }
    return array.items().stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value())
        .distinct().toList();
  }

  /**
   * What is wrong with a descriptor's {@code vip:dot}: not a list of strings, or naming an id
   * that is not an input (VIP refuses such a descriptor).
   */
  public static List<String> dotProblems(Descriptor descriptor) {
    Optional<JsonValue> dot = descriptor.custom().get(DOT_KEY);
    if (dot.isEmpty()) {
      return List.of();
    }
    if (!(dot.get() instanceof JsonArray array) || !array.items().stream().allMatch(JsonString.class::isInstance)) {
      return List.of("custom.\"" + DOT_KEY + "\" must be a list of input ids, not " + dot.get());
    }
    List<String> problems = new ArrayList<>();
    for (String id : dotInputs(descriptor)) {
      if (descriptor.input(id).isEmpty() && !id.equals(VIP_RESULTS_DIRECTORY)) {
        problems.add("custom.\"" + DOT_KEY + "\" names \"" + id + "\", which is not an input id of "
            + descriptor.name() + "; use the id of an input, or remove it");
      }
    }
    return problems;
  }

  /**
   * Where VIP would warn about a descriptor's {@code vip:dot}: a Flag input zipped (VIP's importer
   * warns that it may not work), and VIP's own {@code results-directory}, which VIP zips but
   * this library does not have.
   */
  public static List<String> dotWarnings(Descriptor descriptor) {
    List<String> warnings = new ArrayList<>();
    List<String> flags = dotInputs(descriptor).stream()
        .filter(id -> descriptor.input(id).map(i -> i.type() == InputType.FLAG).orElse(false)).toList();
    if (!flags.isEmpty()) {
      warnings.add(String.join(", ", flags) + (flags.size() > 1 ? " are Flag inputs" : " is a Flag input")
          + " in custom.\"" + DOT_KEY + "\"; VIP warns that a Flag should not be zipped (a Flag has one value)");
    }
    if (dotInputs(descriptor).contains(VIP_RESULTS_DIRECTORY)) {
      warnings.add("custom.\"" + DOT_KEY + "\" names \"" + VIP_RESULTS_DIRECTORY + "\", VIP's own input; it is"
          + " ignored outside VIP");
    }
    return warnings;
  }

  /**
   * Submits every combination in bulk ({@link JobExecutor#submitAll}), each in its own job folder
   * {@code folder/jobs/NNNN}, and writes {@code folder/plan.json} (owner-only): the combinations,
   * their invocations, job ids and folders, beside a copy of the descriptor
   * ({@code descriptor.json}); {@link #rerunFailed} and {@link #attach} start from these.
   *
   * @param folder the sweep's folder; it must not exist, or be empty
   * @param options applied to each job's request (timeout, mounts, back-end options, listeners);
   *     its job folder is the sweep's
   * @throws JobRejectedException when the folder cannot be made or the back end refuses the jobs
   */
  public static SubmittedSweep submit(JobExecutor executor, SweepPlan plan, Path folder,
      Consumer<JobRequest.Builder> options) throws JobRejectedException {
    return SubmittedSweep.submit(executor, plan, folder, options);
  }

  /**
   * Submits again the combinations of a sweep whose job failed or was cancelled, each in a new
   * job folder ({@code jobs/NNNN-2} for the second attempt, ...); the succeeded combinations keep
   * their results. The plan is updated; {@link SubmittedSweep#await()} writes the whole table.
   *
   * @param folder a sweep's folder (as {@link #submit} made it), whose jobs have all ended
   * @param options applied to each new job's request, as for {@link #submit}
   * @throws JobRejectedException when the folder is not a sweep's, when a combination has no
   *     result yet (re-attach first: {@link #attach}), or when the back end refuses the jobs
   */
  public static SubmittedSweep rerunFailed(JobExecutor executor, Path folder, Consumer<JobRequest.Builder> options)
      throws JobRejectedException {
    return SubmittedSweep.rerunFailed(executor, folder, options);
  }

  /**
   * Follows again a sweep submitted earlier, by this process or one that has ended (a restart):
   * the combinations with a result keep it, the others' jobs are re-attached through the
   * executor ({@link JobExecutor#attach(String, Path)}), which must be of the kind the sweep was
   * submitted to. A job the executor cannot follow again ends FAILED saying so, for
   * {@link #rerunFailed} to submit it again.
   *
   * @throws JobRejectedException when the folder is not a sweep's, or its jobs ran on another executor
   */
  public static SubmittedSweep attach(JobExecutor executor, Path folder) throws JobRejectedException {
    return SubmittedSweep.attach(executor, folder);
  }

  /**
   * The checked plan a sweep folder holds (its descriptor, combinations and invocations).
   *
   * @throws JobRejectedException when the folder is not a sweep's or cannot be read back
   */
  public static SweepPlan storedPlan(Path folder) throws JobRejectedException {
    return StoredSweep.read(folder).plan();
  }

  /**
   * The executor a sweep folder's latest jobs were submitted to ({@code local}, {@code slurm}, ...),
   * the kind {@link #attach} needs.
   *
   * @throws JobRejectedException when the folder is not a sweep's or cannot be read back
   */
  public static String storedExecutor(Path folder) throws JobRejectedException {
    StoredSweep s = StoredSweep.read(folder);
    for (int i = 0; i < s.jobs().size(); i++) {
      if (!s.results().containsKey(i)) {
        return s.jobs().get(i).executor();
      }
    }
    return s.jobs().isEmpty() ? "local" : s.jobs().get(s.jobs().size() - 1).executor();
  }

  /** Builder of {@link SweepPlan}s. */
  public static final class Builder {
    private final Descriptor descriptor;
    private final Map<String, List<?>> lists = new LinkedHashMap<>();
    private final List<SweepError> problems = new ArrayList<>();
    private int maxJobs = DEFAULT_MAX_JOBS;
    private Boutiques boutiques = Boutiques.create();

    private Builder(Descriptor descriptor) {
      this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /**
     * The values of one input, one per job (values as {@link Boutiques#invocation(Descriptor, Map)}
     * takes them, or {@link JsonValue}s; a list input's value is itself a list).
     */
    public Builder values(String inputId, List<?> values) {
      lists.put(Objects.requireNonNull(inputId, "inputId"),
          Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(values, "values"))));
      return this;
    }

    /** Every member of a JSON object of lists: {@code {"frac": [0.3, 0.5], "infile": ["a.nii"]}}. */
    public Builder values(JsonObject lists) {
      for (Map.Entry<String, JsonValue> e : lists.members().entrySet()) {
        if (e.getValue() instanceof JsonArray array) {
          values(e.getKey(), array.items());
        } else {
          problems.add(SweepError.whole("input \"" + e.getKey() + "\": give a list of values, one per job (["
              + e.getValue() + "] for a single one), not a " + e.getValue().typeName()));
        }
      }
      return this;
    }

    /** The most jobs the sweep may make ({@value #DEFAULT_MAX_JOBS} unless set); more is refused. */
    public Builder maxJobs(int maxJobs) {
      if (maxJobs < 1) {
        throw new IllegalArgumentException("maxJobs must be at least 1: " + maxJobs);
      }
      this.maxJobs = maxJobs;
      return this;
    }

    /** The instance that checks the invocations (its limits and working directory). */
    public Builder boutiques(Boutiques boutiques) {
      this.boutiques = Objects.requireNonNull(boutiques, "boutiques");
      return this;
    }

    /**
     * Expands and checks every combination.
     *
     * @throws InvalidSweepException with the problems of the whole sweep (an unknown input, an
     *     empty list, a {@code vip:dot} over lists of different lengths, more jobs than allowed),
     *     else with each invalid combination's errors; nothing is submitted either way
     */
    public SweepPlan plan() throws InvalidSweepException {
      List<SweepError> errors = new ArrayList<>(problems);
      Sweep.dotProblems(descriptor).forEach(p -> errors.add(SweepError.whole(p)));
      if (lists.isEmpty() && errors.isEmpty()) {
        errors.add(SweepError.whole("a sweep needs at least one input with a list of values"));
      }
      lists.forEach((id, values) -> {
        if (descriptor.input(id).isEmpty()) {
          errors.add(SweepError.whole("\"" + id + "\" is not an input id of " + descriptor.name()
              + "; the ids are " + descriptor.inputs().stream().map(i -> i.id()).collect(Collectors.joining(", "))));
        } else if (values.isEmpty()) {
          errors.add(SweepError.whole("input \"" + id + "\" has an empty list; give at least one value"));
        }
      });
      if (!errors.isEmpty()) {
        throw new InvalidSweepException(errors, 0);
      }
      List<String> dotIds = Sweep.dotInputs(descriptor);
      List<String> dot = lists.keySet().stream().filter(dotIds::contains).toList();
      List<String> cross = lists.keySet().stream().filter(id -> !dotIds.contains(id)).toList();
      if (dot.stream().map(id -> lists.get(id).size()).distinct().count() > 1) {
        throw new InvalidSweepException(List.of(SweepError.whole("the inputs zipped by vip:dot have lists of"
            + " different lengths: " + dot.stream().map(id -> id + " (" + lists.get(id).size() + " values)")
                .collect(Collectors.joining(", ")) + "; give them the same number of values")), 0);
      }
      // The cap first: nothing the size of a refused sweep is converted or checked.
      long count = Combinations.count(lists, dot, cross);
      if (count > maxJobs) {
        throw new InvalidSweepException(List.of(SweepError.whole("the sweep makes "
            + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count)
            + " jobs (" + formula(dot, cross) + "), more than the limit of " + maxJobs
            + "; shorten the lists or raise the limit")), 0);
      }
      Map<String, List<JsonValue>> json = jsonLists(errors);
      if (!errors.isEmpty()) {
        throw new InvalidSweepException(errors, 0);
      }
      return check(new Combinations(json, dot, cross), dot, cross, errors);
    }

    private SweepPlan check(Combinations combinations, List<String> dot, List<String> cross, List<SweepError> errors)
        throws InvalidSweepException {
      int count = (int) combinations.count();
      List<Combination> planned = new ArrayList<>(count);
      InvocationValidator validator = InvocationValidator.of(descriptor);
      int invalid = 0;
      for (int i = 0; i < count; i++) {
        Map<String, JsonValue> raw = combinations.at(i);
        try {
          Invocation invocation = validator.validate(new JsonObject(raw));
          Optional<String> escape = outputEscape(boutiques.simulate(descriptor, invocation));
          if (escape.isPresent()) {
            throw new InvalidInvocationException(List.of(new InvocationError(InvocationRule.COMMAND_LINE, List.of(),
                escape.get())));
          }
          Map<String, JsonValue> values = new LinkedHashMap<>();
          for (String id : raw.keySet()) {
            values.put(id, invocation.get(id).orElse(JsonNull.INSTANCE));
          }
          planned.add(new Combination(i, values, invocation));
        } catch (InvalidInvocationException e) {
          if (++invalid <= InvalidSweepException.MAX_REPORTED) {
            for (InvocationError error : e.errors()) {
              errors.add(new SweepError(Optional.of(i), raw, error.message()));
            }
          }
        }
      }
      if (invalid > 0) {
        throw new InvalidSweepException(errors, invalid);
      }
      return new SweepPlan(descriptor, dot, cross, planned);
    }

    /** Each list's values as JSON, converted once; a value no input can take is an error of the sweep. */
    private Map<String, List<JsonValue>> jsonLists(List<SweepError> errors) {
      Map<String, List<JsonValue>> json = new LinkedHashMap<>();
      lists.forEach((id, values) -> {
        List<JsonValue> converted = new ArrayList<>(values.size());
        for (int k = 0; k < values.size(); k++) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put(id, values.get(k));
          try {
            converted.add(Boutiques.toJson(one).get(id).orElseThrow());
          } catch (InvalidInvocationException e) {
            // The first bad value of a list is enough to say what to fix.
            errors.add(SweepError.whole("value " + (k + 1) + " of " + e.getMessage()));
            break;
          }
        }
        json.put(id, converted);
      });
      return json;
    }

    /** The job folder's rule, checked here so that no job of a sweep is refused after others ran. */
    private Optional<String> outputEscape(Simulation simulation) {
      Path folder = Path.of("/job");
      for (OutputFile output : descriptor.outputFiles()) {
        String path = simulation.outputFiles().get(output.id());
        if (path == null || output.usesAbsolutePath()) {
          continue;
        }
        if (path.startsWith("/") || !folder.resolve(path).normalize().startsWith(folder)) {
          return Optional.of("output \"" + output.id() + "\" would be written at " + path
              + ", outside the job folder; outputs are relative to the job folder");
        }
      }
      return Optional.empty();
    }

    private String formula(List<String> dot, List<String> cross) {
      List<String> factors = new ArrayList<>();
      if (!dot.isEmpty()) {
        factors.add(String.join("+", dot) + " zipped: " + lists.get(dot.get(0)).size());
      }
      cross.forEach(id -> factors.add(id + ": " + lists.get(id).size()));
      return String.join(" x ", factors);
    }
  }
}
