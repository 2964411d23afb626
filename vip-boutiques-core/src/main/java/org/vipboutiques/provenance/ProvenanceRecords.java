package org.vipboutiques.provenance;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.InputType;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.MissingOutput;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;

/**
 * Writes the provenance record of every run, for every back end: {@link #prepare} when the job
 * folder is made (the descriptor is saved to the data folder and the File inputs hashed, before the
 * tool can change them, as the reference does), {@link #write} when the job ends (outputs hashed,
 * the record written). Between the two, what the record needs waits in the job folder, so a job
 * followed again by another process (a Slurm or DIRAC job re-attached) still gets its record, once.
 */
public final class ProvenanceRecords {

  /** The record's key for what this library adds to the reference's record. */
  public static final String EXECUTION_KEY = "vip:execution";

  static final String PENDING = ".vipb-provenance.json";
  static final String WRITTEN = ".vipb-provenance-record";
  /** In the pending record: sums already known ({@link #prepare(JobRequest, Path, Map)}). */
  private static final String KNOWN_SUMS = "known-md5";
  /** The pending record of a job whose attempts must not write it: {@link #hold}. */
  public static final String HELD = ".vipb-provenance-held.json";
  /** In a folder {@link #hold held} before its record was prepared: the record is prepared held. */
  public static final String HOLD = ".vipb-provenance-hold";
  /** The most of each log kept in the record (its end); the whole log stays in the job folder. */
  static final int MAX_LOG_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(ProvenanceRecords.class);
  private static final JsonWriter WRITER = JsonWriter.pretty(4).asciiOnly();

  private ProvenanceRecords() {}

  /**
   * Saves the descriptor to the data folder (or finds it there) and records the File inputs'
   * names and MD5 sums, for the record {@link #write} completes. Does nothing when the request
   * skips data collection.
   *
   * @param folder the job folder, made already
   * @throws IOException when the data folder or the job folder cannot be written
   */
  public static void prepare(JobRequest request, Path folder) throws IOException {
    prepare(request, folder, Map.of());
  }

  /**
   * The same, with the MD5 sums of files already read by someone else (the result cache), by
   * absolute normalized path: an input or output listed there is not read again while its size
   * and modification time are unchanged. The sums are kept with the pending record, for the outputs.
   */
  public static void prepare(JobRequest request, Path folder, Map<Path, FileDigest> known) throws IOException {
    DataCollection collection = request.dataCollection();
    if (!collection.enabled()) {
      return;
    }
    boolean held = holdIsLive(folder);
    if (held && Files.exists(folder.resolve(HELD), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return; // prepared by an earlier attempt of the same job: its inputs are not read again
    }
    DataFolder data = new DataFolder(collection.resolvedDirectory());
    String tool = DataFolder.toolName(request.descriptor().name());
    String descriptorFile = data.saveDescriptor(tool, WRITER.write(request.descriptor().toJson()));

    Path inputs = request.inputDirectory().orElse(Path.of("")).toAbsolutePath().normalize();
    PublicFiles files = new PublicFiles(known);
    Map<String, JsonValue> publicInvocation = new LinkedHashMap<>();
    request.invocation().values().forEach((id, value) -> {
      Optional<Input> input = request.descriptor().inputs().stream().filter(i -> i.id().equals(id)).findFirst();
      if (input.isEmpty() || input.get().type() != InputType.FILE) {
        publicInvocation.put(id, value);
      } else if (value instanceof JsonArray list) {
        publicInvocation.put(id, new JsonArray(list.items().stream().map(v -> publicFile(files, inputs, v)).toList()));
      } else {
        publicInvocation.put(id, publicFile(files, inputs, value));
      }
    });

    Map<String, JsonValue> pending = new LinkedHashMap<>();
    pending.put("data-directory", JsonString.of(data.folder().toString()));
    pending.put("name", JsonString.of(request.descriptor().name()));
    pending.put("descriptor-doi", JsonString.of(descriptorFile));
    pending.put("public-invocation", new JsonObject(publicInvocation));
    collection.recordFile().ifPresent(f -> pending.put("record-file", JsonString.of(f.toString())));
    pending.put("additional-information", collection.additionalInformation().<JsonValue>map(o -> o).orElse(JsonNull.INSTANCE));
    request.descriptor().containerImage().flatMap(ContainerImage::image).filter(i -> request.useContainer())
        .ifPresent(image -> pending.put("container-image", JsonString.of(image)));
    if (files.skipped() > 0) {
      pending.put("input-entries-not-listed", JsonNumber.of(files.skipped()));
    }
    request.descriptor().gpu().ifPresent(gpu -> pending.put("gpu-request", GpuRecord.requested(gpu)));
    if (!known.isEmpty()) {
      Map<String, JsonValue> sums = new LinkedHashMap<>();
      known.forEach((path, d) -> sums.put(path.toString(), new JsonObject(Map.of("md5", JsonString.of(d.md5()),
          "size", JsonNumber.of(d.size()), "modified-ns", JsonNumber.of(d.modified().to(TimeUnit.NANOSECONDS))))));
      pending.put(KNOWN_SUMS, new JsonObject(sums));
    }
    OwnerOnly.write(folder.resolve(held ? HELD : PENDING), WRITER.write(new JsonObject(pending)) + "\n");
  }

  private static JsonValue publicFile(PublicFiles files, Path inputs, JsonValue value) {
    if (!(value instanceof JsonString s)) {
      return value;
    }
    return files.of(inputs.resolve(s.value()), s.value());
  }

  /**
   * Writes the record of a job that ended, when its folder was prepared for one and none was
   * written yet. Never throws: a record that cannot be written is logged (one line) and the job's
   * result stands.
   *
   * @param executorName the executor that ran it
   * @return the record written
   */
  public static Optional<Path> write(String executorName, JobResult result) {
    return write(executorName, result, Map.of());
  }

  /**
   * The same, with what the back end knows about the run ({@code image-id}, {@code node}, ...),
   * kept under {@code vip:execution.backend}.
   */
  public static Optional<Path> write(String executorName, JobResult result, Map<String, String> backendFacts) {
    Path folder = result.workDirectory();
    Path pendingFile = folder.resolve(PENDING);
    if (!Files.isRegularFile(pendingFile) || Files.exists(folder.resolve(WRITTEN))) {
      return Optional.empty();
    }
    try {
      JsonObject pending = JsonParser.withDefaults().parseObject(pendingFile);
      Map<String, JsonValue> facts = new LinkedHashMap<>();
      synchronized (backendFacts) {
        backendFacts.forEach((k, v) -> facts.put(k, JsonString.of(v)));
      }
      Path record = writeRecord(executorName, result, pending, new JsonObject(facts));
      OwnerOnly.write(folder.resolve(WRITTEN), record + "\n");
      return Optional.of(record);
    } catch (IOException | JsonInputException | RuntimeException e) {
      LOG.warn("the provenance record of job {} ({}) was not written: {}; the job's own files are in {}",
          result.jobId(), executorName, e.getMessage(), folder);
      return Optional.empty();
    }
  }

  /**
   * Keeps the record of the job in {@code folder} from being written by the jobs that run there
   * next (the attempts of a retried job, each of which ends), until {@link #release}: the record
   * is then written once, by the job that holds all the attempts. A record prepared already is
   * held at once; one prepared later in that folder (by the first attempt, which reads the inputs
   * once for whoever needs them: a result cache's key, the back end) is prepared held, and the
   * attempts after it find it prepared and read nothing.
   */
  public static void hold(Path folder) throws IOException {
    OwnerOnly.write(folder.resolve(HOLD), THIS_PROCESS);
    Path pending = folder.resolve(PENDING);
    if (Files.isRegularFile(pending, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.move(pending, folder.resolve(HELD), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.deleteIfExists(folder.resolve(HELD)); // left by a job that did not end here: not this one's record
    }
  }

  /** Who holds: this process, by pid and start time (a pid alone may be reused). */
  private static final String THIS_PROCESS = ProcessHandle.current().pid() + " "
      + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("?");

  /**
   * Whether the folder is held by a process that still runs. A mark left by a process that died
   * mid-retry is removed with its held record: else the next job in a reused folder would prepare
   * its record held, and no one would ever write it.
   */
  private static boolean holdIsLive(Path folder) throws IOException {
    Path mark = folder.resolve(HOLD);
    if (!Files.isRegularFile(mark, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String text = org.vipboutiques.execution.job.SmallFile.read(mark, 256).orElse("").trim();
    if (text.equals(THIS_PROCESS.trim())) {
      return true;
    }
    String[] parts = text.split(" ", 2);
    boolean live = parts.length == 2 && parts[0].matches("[0-9]{1,18}")
        && ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive)
            .flatMap(h -> h.info().startInstant()).map(i -> i.toString().equals(parts[1])).orElse(false);
    if (!live) {
      Files.deleteIfExists(mark);
      Files.deleteIfExists(folder.resolve(HELD));
    }
    return live;
  }

  /** Undoes {@link #hold}: the next job to end in {@code folder} writes the record, when one was prepared. */
  public static void release(Path folder) {
    try {
      Files.deleteIfExists(folder.resolve(HOLD));
    } catch (IOException e) {
      LOG.debug("the hold mark in {} stays: {}", folder, e.toString());
    }
    Path held = folder.resolve(HELD);
    if (!Files.isRegularFile(held, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.move(held, folder.resolve(PENDING), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("the provenance record of the job in {} will not be written: {}", folder, e.toString());
    }
  }

  /** The record written for the job in {@code workDirectory}, once it ended. */
  public static Optional<Path> recordOf(Path workDirectory) {
    try {
      Path marker = workDirectory.resolve(WRITTEN);
      if (!Files.isRegularFile(marker) || Files.size(marker) > 64 * 1024) {
        return Optional.empty();
      }
      return Optional.of(Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Path writeRecord(String executorName, JobResult result, JsonObject pending, JsonObject backend)
      throws IOException {
    PublicFiles files = new PublicFiles(knownSums(pending));
    Map<String, JsonValue> out = new LinkedHashMap<>();
    boolean[] truncated = new boolean[2];
    out.put("stdout", JsonString.of(log(result.stdoutFile(), result.stdoutTail(), truncated, 0)));
    out.put("stderr", JsonString.of(log(result.stderrFile(), result.stderrTail(), truncated, 1)));
    out.put("exit-code", result.exitCode().<JsonValue>map(c -> JsonNumber.of(c)).orElse(JsonNull.INSTANCE));
    out.put("error-message", JsonString.of(result.exitCodeDescription().orElse("")));
    out.put("shell-command", JsonString.of(result.commandLine()));
    Map<String, JsonValue> missing = new LinkedHashMap<>();
    for (MissingOutput m : result.missingOutputs()) {
      if (!m.optional()) { // the reference lists the required ones only
        missing.put(m.id(), JsonString.of(m.path()));
      }
    }
    out.put("missing-files", new JsonObject(missing));
    Map<String, JsonValue> outputs = new LinkedHashMap<>();
    Map<String, JsonValue> allOutputs = new LinkedHashMap<>();
    result.outputFiles().forEach((id, paths) -> {
      if (paths.isEmpty()) {
        return;
      }
      outputs.put(id, files.of(paths.get(0), paths.get(0).toString()));
      if (paths.size() > 1) { // the reference records the first match of a glob; the others are here
        allOutputs.put(id, new JsonArray(paths.stream().skip(1)
            .<JsonValue>map(p -> files.of(p, p.toString())).toList()));
      }
    });
    out.put("output-files", new JsonObject(outputs));

    Map<String, JsonValue> execution = new LinkedHashMap<>();
    execution.put("executor", JsonString.of(executorName));
    execution.put("job-id", JsonString.of(result.jobId()));
    execution.put("state", JsonString.of(result.state().name()));
    execution.put("backend-state", JsonString.of(result.backendState()));
    result.failure().ifPresent(f -> execution.put("failure", JsonString.of(f)));
    pending.get("container-image").filter(i -> result.containerCommand().isPresent())
        .ifPresent(i -> execution.put("container-image", i));
    result.containerCommand().ifPresent(c -> execution.put("container-command", JsonString.of(c)));
    if (result.cacheHit()) {
      execution.put("cache-hit", JsonBoolean.TRUE);
    }
    gpus(pending, result.workDirectory()).ifPresent(g -> execution.put("gpus", g));
    if (backend.size() > 0) {
      execution.put("backend", backend);
    }
    execution.put("recorded-on", JsonString.of(Host.name()));
    execution.put("attempts", attempts(result));
    execution.put("queued", JsonString.of(result.submittedAt().toString()));
    result.startedAt().ifPresent(s -> execution.put("started", JsonString.of(s.toString())));
    execution.put("finished", JsonString.of(result.finishedAt().toString()));
    execution.put("job-folder", JsonString.of(result.workDirectory().toString()));
    if (!allOutputs.isEmpty()) {
      execution.put("more-output-files", new JsonObject(allOutputs));
    }
    if (truncated[0] || truncated[1]) {
      execution.put("logs-truncated-to-bytes", JsonNumber.of(MAX_LOG_BYTES));
    }
    int notListed = files.skipped()
        + pending.get("input-entries-not-listed").filter(v -> v instanceof JsonNumber)
            .map(v -> ((JsonNumber) v).literal()).map(Integer::parseInt).orElse(0);
    if (notListed > 0) {
      execution.put("entries-not-listed", JsonNumber.of(notListed));
    }

    DataFolder data = new DataFolder(Path.of(pending.string("data-directory")
        .orElseThrow(() -> new IOException("no data-directory in " + PENDING))));
    String name = pending.string("name").orElseThrow(() -> new IOException("no name in " + PENDING));
    JsonValue publicInvocation = pending.get("public-invocation").orElse(JsonObject.EMPTY);
    JsonValue additional = pending.get("additional-information").orElse(JsonNull.INSTANCE);
    String doi = pending.string("descriptor-doi").orElse("");
    JsonObject publicOutput = new JsonObject(out);
    JsonObject executionObject = new JsonObject(execution);
    java.util.function.Function<String, String> text = stamp -> {
      Map<String, JsonValue> summary = new LinkedHashMap<>();
      summary.put("name", JsonString.of(name));
      summary.put("descriptor-doi", JsonString.of(doi));
      summary.put("date-time", JsonString.of(stamp));
      Map<String, JsonValue> record = new LinkedHashMap<>();
      record.put("summary", new JsonObject(summary));
      record.put("public-invocation", publicInvocation);
      record.put("public-output", publicOutput);
      record.put("additional-information", additional);
      record.put(EXECUTION_KEY, executionObject);
      return WRITER.write(new JsonObject(record));
    };
    Optional<String> recordFile = pending.string("record-file");
    if (recordFile.isPresent()) {
      return DataFolder.saveRecordAs(Path.of(recordFile.get()), text.apply(DataFolder.STAMP.format(LocalDateTime.now())));
    }
    return data.saveRecord(DataFolder.toolName(name), LocalDateTime.now(), text);
  }

  /** The sums kept by {@link #prepare(JobRequest, Path, Map)}; an entry that does not read back is left out. */
  private static Map<Path, FileDigest> knownSums(JsonObject pending) {
    Map<Path, FileDigest> known = new HashMap<>();
    pending.object(KNOWN_SUMS).ifPresent(o -> o.members().forEach((path, v) -> {
      try {
        JsonObject d = (JsonObject) v;
        known.put(Path.of(path), new FileDigest(d.string("md5").orElseThrow(),
            d.number("size").orElseThrow().bigIntegerValue().longValueExact(),
            FileTime.from(d.number("modified-ns").orElseThrow().bigIntegerValue().longValueExact(), TimeUnit.NANOSECONDS)));
      } catch (RuntimeException e) {
        LOG.debug("a known sum in {} does not read back: {}", PENDING, e.toString());
      }
    }));
    return known;
  }

  /** Every run of the job, in order: number, back-end id, state, failure kind and reason, exit code, times. */
  private static JsonArray attempts(JobResult result) {
    return new JsonArray(result.attempts().stream().<JsonValue>map(a -> {
      Map<String, JsonValue> o = new LinkedHashMap<>();
      o.put("number", JsonNumber.of(a.number()));
      o.put("job-id", JsonString.of(a.jobId()));
      o.put("state", JsonString.of(a.state().name()));
      o.put("backend-state", JsonString.of(a.backendState()));
      o.put("failure-kind", JsonString.of(a.failureKind().name()));
      a.failure().ifPresent(f -> o.put("failure", JsonString.of(f)));
      a.exitCode().ifPresent(c -> o.put("exit-code", JsonNumber.of(c)));
      a.startedAt().ifPresent(t -> o.put("started", JsonString.of(t.toString())));
      o.put("finished", JsonString.of(a.finishedAt().toString()));
      return new JsonObject(o);
    }).toList());
  }

  /** What the descriptor asked of GPUs and the devices the job saw, when it asked for any or saw some. */
  private static Optional<JsonObject> gpus(JsonObject pending, Path folder) {
    List<JsonValue> devices = GpuRecord.devices(folder);
    Optional<JsonValue> requested = pending.get("gpu-request");
    if (requested.isEmpty() && devices.isEmpty()) {
      return Optional.empty();
    }
    Map<String, JsonValue> m = new LinkedHashMap<>();
    requested.ifPresent(r -> m.put("requested", r));
    m.put("devices", new JsonArray(devices));
    return Optional.of(new JsonObject(m));
  }

  /** The log's text, its last {@value #MAX_LOG_BYTES} bytes when longer (the tail kept in memory when there is no file). */
  private static String log(Path file, String tail, boolean[] truncated, int which) {
    if (file == null || !Files.isRegularFile(file)) {
      return tail;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - MAX_LOG_BYTES);
      truncated[which] = start > 0;
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return tail;
    }
  }
}
