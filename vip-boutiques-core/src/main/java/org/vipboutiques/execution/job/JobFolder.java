package org.vipboutiques.execution.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.vipboutiques.Boutiques;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.EnvironmentVariable;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.json.PythonView;
import org.vipboutiques.provenance.GpuRecord;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * Prepares a job's folder before anything runs: makes it, resolves the command line and output
 * paths against it, refuses outputs that would land outside it, writes the configuration files,
 * the command script, and copies of the descriptor and invocation (so a run can be inspected or
 * repeated). The same for every back end.
 */
public final class JobFolder {

  /**
   * What the names of the library's own files in a job folder (here and in each back end) begin
   * with. Input placement refuses such names, so no input link can stand where the library
   * writes, and the library writes its own files without following links.
   */
  public static final String RESERVED_PREFIX = ".vipb";

  /** Files the library writes in each job folder. */
  public static final String SCRIPT = ".vipb-command.sh";
  public static final String STDOUT = ".vipb-stdout.log";
  public static final String STDERR = ".vipb-stderr.log";
  public static final String DESCRIPTOR = ".vipb-descriptor.json";
  public static final String INVOCATION = ".vipb-invocation.json";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private JobFolder() {}

  public static PreparedJob prepare(JobRequest request, ExecutorConfig config) throws JobRejectedException {
    Path folder = folderOf(request, config.baseDirectory());
    try {
      OwnerOnly.createFolders(folder);
    } catch (IOException e) {
      throw new JobRejectedException("cannot create the job folder " + folder + ": " + e.getMessage(), e);
    }
    Descriptor descriptor = request.descriptor();
    Simulation simulation;
    try {
      simulation = Boutiques.builder().workingDirectory(folder).build().simulate(descriptor, request.invocation());
    } catch (InvalidInvocationException e) {
      throw new JobRejectedException("the invocation cannot run: " + e.getMessage(), e);
    }
    for (OutputFile output : descriptor.outputFiles()) {
      String path = simulation.outputFiles().get(output.id());
      if (path == null) {
        continue;
      }
      if (path.startsWith("/") && !output.usesAbsolutePath()) {
        throw new JobRejectedException("output \"" + output.id() + "\" would be written at the absolute path "
            + path + ", outside the job folder; outputs are relative to the job folder unless the descriptor sets"
            + " uses-absolute-path");
      }
      Path resolved = folder.resolve(path).normalize();
      if (!resolved.startsWith(folder)) {
        throw new JobRejectedException("output \"" + output.id() + "\" resolves to " + resolved
            + ", outside the job folder " + folder + "; remove the '..' from its path template or inputs");
      }
    }
    stageInputs(request, folder);
    // Judged by real paths, once the input links stand: an output under a linked input folder
    // would be written (or, for a configuration file, is written now) into the user's files.
    for (OutputFile output : descriptor.outputFiles()) {
      String path = simulation.outputFiles().get(output.id());
      if (path != null) {
        Optional<Path> outside = RealPaths.outside(folder, folder.resolve(path).normalize());
        if (outside.isPresent()) {
          throw new JobRejectedException("output \"" + output.id() + "\" (" + path + ") would be written at "
              + outside.get() + ", outside the job folder " + folder + ", through a link to an input; give the"
              + " output a path that does not go through an input's folder");
        }
      }
    }
    try {
      for (Map.Entry<String, String> entry : simulation.configFiles().entrySet()) {
        Path file = folder.resolve(simulation.outputFiles().get(entry.getKey())).normalize();
        OwnerOnly.createFolders(file.getParent());
        OwnerOnly.write(file, entry.getValue());
      }
      Path script = folder.resolve(SCRIPT);
      // A GPU job lists the devices it was given, where it runs, for its provenance record.
      String gpus = descriptor.gpu().isPresent() && request.dataCollection().enabled() ? GpuRecord.scriptLine() : "";
      OwnerOnly.writeScript(script, "#!" + descriptor.shell() + "\n" + gpus + simulation.commandLine() + "\n");
      OwnerOnly.write(folder.resolve(DESCRIPTOR), JsonWriter.pretty(2).write(descriptor.toJson()) + "\n");
      OwnerOnly.write(folder.resolve(INVOCATION), JsonWriter.pretty(2).write(request.invocation().toJson()) + "\n");
      recordPrepared(request, folder);
      return new PreparedJob(request, folder, simulation, script, folder.resolve(STDOUT), folder.resolve(STDERR),
          environment(request), timeout(request, config), Instant.now());
    } catch (IOException e) {
      throw new JobRejectedException("cannot write into the job folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The provenance record's first half; a data folder that cannot be written costs the record, not the run. */
  private static void recordPrepared(JobRequest request, Path folder) {
    try {
      ProvenanceRecords.prepare(request, folder);
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(JobFolder.class).warn("no provenance record for the job in {}: {} ({}); "
          + "make the data folder writable or skip data collection", folder, e.getMessage(),
          request.dataCollection().resolvedDirectory());
    }
  }

  /**
   * Relative File inputs are relative to the request's input directory, but the tool runs in the
   * job folder: each one that exists there is linked into the job folder at the same relative
   * path, so the command line stays the one the reference builds.
   */
  private static void stageInputs(JobRequest request, Path folder) throws JobRejectedException {
    for (String path : fileInputValues(request)) {
      Path place = folder.resolve(path).normalize();
      if (!path.startsWith("/") && place.startsWith(folder) && !place.equals(folder)
          && place.getName(folder.getNameCount()).toString().startsWith(RESERVED_PREFIX)) {
        throw new JobRejectedException("the input " + path + " would be placed at "
            + place.getName(folder.getNameCount()) + " in the job folder, a name the library keeps for its own"
            + " files (" + RESERVED_PREFIX + "...); rename the input, or give it by an absolute path");
      }
    }
    Path from = request.inputDirectory().orElse(Path.of("")).toAbsolutePath().normalize();
    if (from.equals(folder)) {
      return;
    }
    for (String path : fileInputValues(request)) {
      if (path.isEmpty() || path.startsWith("/")) {
        continue;
      }
      Path source = from.resolve(path).normalize();
      Path link = folder.resolve(path).normalize();
      if (!link.startsWith(folder) || link.equals(folder) || !Files.exists(source)) {
        continue;
      }
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) || Files.exists(link)) {
        continue;
      }
      // Never through a link made before: the new link's folder must really be in the job folder.
      if (RealPaths.outside(folder, link).isPresent()) {
        throw new JobRejectedException("the input " + path + " would be linked into "
            + RealPaths.outside(folder, link).get().getParent() + ", outside the job folder " + folder
            + ", through the link of another input; give the inputs paths that do not nest in each other");
      }
      try {
        OwnerOnly.createFolders(link.getParent());
        Files.createSymbolicLink(link, source);
      } catch (IOException e) {
        throw new JobRejectedException("cannot link the input " + source + " into the job folder: " + e.getMessage(),
            e);
      }
    }
  }

  /** The values given to the request's File inputs (each item of a list), as text. */
  public static java.util.List<String> fileInputValues(JobRequest request) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Input in : request.descriptor().inputs()) {
      if (in.type() != org.vipboutiques.descriptor.InputType.FILE) {
        continue;
      }
      request.invocation().get(in.id()).ifPresent(v -> {
        if (v instanceof org.vipboutiques.json.JsonArray a) {
          a.items().forEach(item -> out.add(PythonView.str(item)));
        } else {
          out.add(PythonView.str(v));
        }
      });
    }
    return out;
  }

  /**
   * A job folder prepared earlier (by this process or another), read back for a job to be
   * followed again: the descriptor and invocation copies in it give the command line and the
   * output paths. Nothing is written.
   *
   * @throws JobRejectedException when the folder does not hold a prepared job
   */
  public static PreparedJob reopen(Path folder, ExecutorConfig config, Instant submittedAt)
      throws JobRejectedException {
    Path dir = folder.toAbsolutePath().normalize();
    try {
      Boutiques boutiques = Boutiques.builder().workingDirectory(dir).build();
      Descriptor descriptor = boutiques.load(dir.resolve(DESCRIPTOR));
      var invocation = boutiques.invocation(descriptor, dir.resolve(INVOCATION));
      JobRequest request = JobRequest.builder(descriptor, invocation).workDirectory(dir).build();
      Simulation simulation = boutiques.simulate(descriptor, invocation);
      return new PreparedJob(request, dir, simulation, dir.resolve(SCRIPT), dir.resolve(STDOUT), dir.resolve(STDERR),
          environment(request), timeout(request, config), submittedAt);
    } catch (Exception e) {
      throw new JobRejectedException("the folder " + dir + " does not hold a prepared job: " + e.getMessage(), e);
    }
  }

  /**
   * The descriptor's environment variables, then the request's. As in the reference, a value that
   * is exactly an input's value-key becomes that input's value.
   */
  static Map<String, String> environment(JobRequest request) {
    Map<String, String> env = new LinkedHashMap<>();
    Descriptor d = request.descriptor();
    for (EnvironmentVariable v : d.environmentVariables()) {
      String value = v.value();
      for (Input in : d.inputs()) {
        if (in.valueKey().filter(value::equals).isPresent()) {
          Optional<JsonValue> given = request.invocation().get(in.id());
          value = given.map(PythonView::str).orElse("");
          break;
        }
      }
      env.put(v.name(), value);
    }
    env.putAll(request.environment());
    return env;
  }

  /** The request's timeout, or the descriptor's walltime estimate times the executor's factor. */
  static Optional<Duration> timeout(JobRequest request, ExecutorConfig config) {
    if (request.timeout().isPresent()) {
      return request.timeout();
    }
    Optional<Duration> configured = config.durationSetting("timeout");
    if (configured.isPresent()) {
      return configured;
    }
    if (config.walltimeFactor() <= 0) {
      return Optional.empty();
    }
    return request.descriptor().suggestedResources().flatMap(r -> r.walltimeEstimateSeconds())
        .filter(s -> s > 0)
        .map(s -> Duration.ofMillis((long) Math.ceil(s * config.walltimeFactor() * 1000)).plusSeconds(10));
  }

  /** The request's job folder: its own, absolute, or a new name under {@code base} (not made yet). */
  static Path folderOf(JobRequest request, Path base) {
    return request.workDirectory().map(p -> p.toAbsolutePath().normalize())
        .orElseGet(() -> base.resolve(folderName(request.name())));
  }

  private static String folderName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 40) {
      safe = safe.substring(0, 40);
    }
    return safe + "-" + STAMP.format(Instant.now()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
  }
}
