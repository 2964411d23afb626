package org.vipboutiques.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.MissingOutput;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.invocation.InvocationValidator;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * A sweep read back from its folder: the plan, the job of each combination, and the results
 * of the combinations whose current job has one. What {@link Sweep#rerunFailed} and
 * {@link Sweep#attach} start from.
 */
record StoredSweep(Path folder, SweepPlan plan, List<PlannedJob> jobs, Map<Integer, JobResult> results) {

  static final String DESCRIPTOR = "descriptor.json";
  /** Plans and tables of 10,000 combinations are a few MiB; this bounds what is read whole. */
  private static final JsonParser PARSER = new JsonParser(new JsonLimits(256L << 20, 64));

  static StoredSweep read(Path given) throws JobRejectedException {
    Path folder = given.toAbsolutePath().normalize();
    Path planFile = folder.resolve(SubmittedSweep.PLAN);
    if (!Files.isRegularFile(planFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new JobRejectedException(folder + " is not a sweep folder (no " + SubmittedSweep.PLAN
          + "); give the folder a sweep was submitted in");
    }
    try {
      Boutiques boutiques = Boutiques.create();
      Descriptor descriptor = boutiques.load(folder.resolve(DESCRIPTOR));
      InvocationValidator validator = InvocationValidator.of(descriptor);
      JsonObject plan = PARSER.parseObject(planFile);
      List<String> dot = strings(plan.array("dot"));
      List<String> cross = strings(plan.array("cross"));
      List<JsonValue> rows = plan.array("combinations").map(JsonArray::items).orElse(List.of());
      List<Combination> combinations = new ArrayList<>(rows.size());
      List<PlannedJob> jobs = new ArrayList<>(rows.size());
      for (JsonValue v : rows) {
        JsonObject row = (JsonObject) v;
        int index = integer(row, "index");
        if (index != combinations.size()) {
          throw new IllegalArgumentException("combination " + combinations.size() + " is missing or out of order");
        }
        combinations.add(new Combination(index, row.object("values").orElseThrow().members(),
            validator.validate(row.object("invocation").orElseThrow())));
        jobs.add(new PlannedJob(row.string("executor").orElse(plan.string("executor").orElse("")),
            row.string("job-id").orElseThrow(), Path.of(row.string("job-folder").orElseThrow()),
            row.number("attempt").map(n -> n.bigIntegerValue().intValueExact()).orElse(1)));
      }
      SweepPlan sweepPlan = new SweepPlan(descriptor, dot, cross, combinations);
      return new StoredSweep(folder, sweepPlan, jobs, results(folder, jobs));
    } catch (JobRejectedException e) {
      throw e;
    } catch (Exception e) {
      throw new JobRejectedException("the sweep folder " + folder + " cannot be read back: " + e.getMessage()
          + "; it must hold the " + DESCRIPTOR + " and " + SubmittedSweep.PLAN + " a submission wrote", e);
    }
  }

  /** The rows of results.json that belong to the current job (attempt) of their combination. */
  private static Map<Integer, JobResult> results(Path folder, List<PlannedJob> jobs) throws Exception {
    Path file = folder.resolve(SubmittedSweep.RESULTS_JSON);
    Map<Integer, JobResult> results = new HashMap<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return results;
    }
    for (JsonValue v : PARSER.parseObject(file).array("combinations").map(JsonArray::items).orElse(List.of())) {
      JsonObject row = (JsonObject) v;
      int index = integer(row, "index");
      // By folder, new for each attempt: a job's id may change as it starts (a local job's becomes its pid).
      if (index < 0 || index >= jobs.size()
          || !row.string("job-folder").orElse("").equals(jobs.get(index).folder().toString())) {
        continue;
      }
      results.put(index, result(row));
    }
    return results;
  }

  private static JobResult result(JsonObject row) {
    Path folder = Path.of(row.string("job-folder").orElseThrow());
    Map<String, List<Path>> outputs = new LinkedHashMap<>();
    row.object("outputs").ifPresent(o -> o.members().forEach((id, files) -> outputs.put(id,
        ((JsonArray) files).items().stream().map(f -> Path.of(((JsonString) f).value())).toList())));
    List<MissingOutput> missing = new ArrayList<>();
    for (JsonValue m : row.array("missing-output-paths").map(JsonArray::items).orElse(List.of())) {
      JsonObject o = (JsonObject) m;
      missing.add(new MissingOutput(o.string("id").orElseThrow(), o.string("path").orElse(""),
          o.bool("optional").orElse(false)));
    }
    return new JobResult(row.string("job-id").orElseThrow(),
        JobState.valueOf(row.string("state").orElseThrow().toUpperCase(java.util.Locale.ROOT)),
        row.string("backend-state").orElse(""),
        row.number("exit-code").map(n -> n.bigIntegerValue().intValueExact()), Optional.empty(), folder,
        row.string("stdout").map(Path::of).orElse(folder.resolve(JobFolder.STDOUT)),
        row.string("stderr").map(Path::of).orElse(folder.resolve(JobFolder.STDERR)), "", "", outputs, missing,
        row.string("command-line").orElse(""), Optional.empty(),
        row.string("submitted").map(Instant::parse).orElse(Instant.EPOCH),
        row.string("started").map(Instant::parse), row.string("finished").map(Instant::parse).orElse(Instant.EPOCH),
        row.string("failure"));
  }

  private static int integer(JsonObject row, String key) {
    return row.number(key).map(JsonNumber::bigIntegerValue).orElseThrow(() -> new IllegalArgumentException(
        "a row without \"" + key + "\"")).intValueExact();
  }

  private static List<String> strings(Optional<JsonArray> array) {
    return array.map(a -> a.items().stream().map(v -> ((JsonString) v).value()).toList()).orElse(List.of());
  }

}
