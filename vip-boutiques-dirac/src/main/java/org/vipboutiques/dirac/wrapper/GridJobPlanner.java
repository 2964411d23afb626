package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vipboutiques.Boutiques;
import org.vipboutiques.commandline.ShellQuoting;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.descriptor.Input;
import org.vipboutiques.descriptor.InputType;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.descriptor.SuggestedResources;
import org.vipboutiques.dirac.DiracSettings;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlWriter;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.container.ContainerOptionWords;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.JsonWriter;

/**
 * Maps an invocation to a grid job: {@code lfn:} inputs to {@code InputData} fetched on the
 * worker, local input files into the input sandbox, the descriptor's resources to JDL requirements ({@code cpu-cores} to
 * {@code NumberOfProcessors}, {@code ram} to {@code MaxRAM}, {@code walltime-estimate} times
 * the HS06 factor to {@code CPUTime}, a GPU to {@code Tags = {"GPU"}}), placement from the
 * settings, and the command line into the wrapper's files, never into the JDL.
 */
public final class GridJobPlanner {

  /** Files the wrapper leaves for the output sandbox. */
  public static final String STDOUT = "std.out";
  public static final String STDERR = "std.err";
  public static final String WRAPPER_LOG = "vipb-wrapper.log";
  public static final String SUMMARY = "vipb-summary.json";
  public static final String OUTPUTS_TAR = "vipb-outputs.tar";
  /** Files of the input sandbox besides the wrapper. */
  public static final String DESCRIPTOR = "vipb-descriptor.json";
  public static final String JOBS_TAR = "vipb-jobs.tar";
  /** Per job: the shipped files, a line {@code <sha256 or ->TAB<path under the run folder>} each. */
  public static final String SHIPPED_LIST = "shipped.lst";
  /** Where a sandbox holds the content of shipped files, once per SHA-256. */
  public static final String SHIPPED_FOLDER = "vipb/inputs/";
  /** The job group when none is configured. */
  public static final String DEFAULT_JOB_GROUP = "vipb";

  private static final Pattern LFN_SCHEME = Pattern.compile("(?i)^lfn:");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Boutiques BOUTIQUES = Boutiques.create();

  private GridJobPlanner() {}

  /**
   * A request whose {@code lfn:} and shipped File inputs were replaced by the names the files have on
   * the worker, and those inputs.
   */
  public record Rewritten(JobRequest request, List<LfnInput> lfnInputs, List<ShippedInput> shippedInputs) {

    public Rewritten {
      Objects.requireNonNull(request, "request");
      lfnInputs = List.copyOf(lfnInputs);
      shippedInputs = List.copyOf(shippedInputs);
    }
  }

  /**
   * Gives each File input a value that means something on a grid worker: an {@code lfn:} value
   * becomes {@code InputData} fetched under its file name; a path under one of the
   * {@code worker-paths} (such as {@code /cvmfs/}) stays as it is; any other value must name a file
   * or folder here (relative to the request's input directory), which is shipped in the input
   * sandbox under its file name, up to {@code sandbox-input-limit} in all. The command line is then
   * built with those names. {@code hashes} remembers the content hashes across the jobs of a
   * submission.
   */
  public static Rewritten rewriteFileInputs(JobRequest request, DiracSettings settings, ContentHashes hashes)
      throws JobRejectedException {
    Descriptor d = request.descriptor();
    JsonObject values = request.invocation().toJson();
    InputRenamer renamer = new InputRenamer(settings, hashes,
        request.inputDirectory().orElse(Path.of("")).toAbsolutePath().normalize());
    boolean changed = false;
    for (Input in : d.inputs()) {
      if (in.type() != InputType.FILE || !values.has(in.id())) {
        continue;
      }
      JsonValue v = values.get(in.id()).orElseThrow();
      JsonValue renamed = renamer.rename(in.id(), v);
      if (renamed != v) {
        values = values.with(in.id(), renamed);
        changed = true;
      }
    }
    if (renamer.lfns.size() > JdlWriter.MAX_INPUT_DATA) {
      throw new JobRejectedException("the invocation names " + renamer.lfns.size() + " lfn: inputs; DiracX accepts"
          + " at most " + JdlWriter.MAX_INPUT_DATA + " InputData files per job: split it into several invocations");
    }
    long shipped = renamer.shipped.stream().mapToLong(ShippedInput::bytes).sum();
    if (shipped > settings.sandboxInputLimit()) {
      throw new JobRejectedException(String.format(Locale.ROOT, "the local inputs of this job (%s) total %.1f MiB,"
          + " more than sandbox-input-limit (%.1f MiB) lets travel in the input sandbox: put the large ones on a"
          + " storage element and pass them as lfn:/<vo>/..., or raise sandbox-input-limit (at most %d MiB)",
          renamer.shipped.stream().map(i -> i.inputId() + " " + i.source()).distinct().toList(),
          shipped / 1048576.0, settings.sandboxInputLimit() / 1048576.0,
          DiracSettings.MAX_SANDBOX_INPUT_LIMIT / 1048576));
    }
    if (!changed) {
      return new Rewritten(request, renamer.lfns, renamer.shipped);
    }
    Invocation rewritten;
    try {
      rewritten = BOUTIQUES.invocation(d, values);
    } catch (InvalidInvocationException e) {
      throw new JobRejectedException("the invocation with its File inputs replaced by their names on the worker is"
          + " invalid: " + e.getMessage(), e);
    }
    JobRequest.Builder b = JobRequest.builder(d, rewritten);
    request.workDirectory().ifPresent(b::workDirectory);
    request.inputDirectory().ifPresent(b::inputDirectory);
    request.environment().forEach(b::environment);
    request.timeout().ifPresent(b::timeout);
    request.mounts().forEach(b::mount);
    if (!request.useContainer()) {
      b.noContainer();
    }
    b.name(request.name());
    request.options().forEach(b::option);
    return new Rewritten(b.build(), renamer.lfns, renamer.shipped);
  }

  /** Names on the worker for the File input values of one job, distinct across its inputs. */
  private static final class InputRenamer {
    private final DiracSettings settings;
    private final ContentHashes hashes;
    private final Path inputDirectory;
    private final List<String> workerPaths;
    private final Set<String> names = new HashSet<>();
    private final Map<Path, String> shippedNames = new HashMap<>();
    private final List<LfnInput> lfns = new ArrayList<>();
    private final List<ShippedInput> shipped = new ArrayList<>();

    InputRenamer(DiracSettings settings, ContentHashes hashes, Path inputDirectory) {
      this.settings = settings;
      this.hashes = hashes;
      this.inputDirectory = inputDirectory;
      this.workerPaths = settings.workerPaths();
    }

    /** A File input's value (a path or a list of them) with names on the worker; the same object when none changed. */
    JsonValue rename(String inputId, JsonValue value) throws JobRejectedException {
      if (value instanceof JsonString s) {
        String name = rename(inputId, s.value());
        return name.equals(s.value()) ? value : new JsonString(name);
      }
      if (value instanceof JsonArray a) {
        List<JsonValue> items = new ArrayList<>();
        boolean changed = false;
        for (JsonValue item : a.items()) {
          JsonValue renamed = item instanceof JsonString ? rename(inputId, item) : item;
          changed |= renamed != item;
          items.add(renamed);
        }
        return changed ? new JsonArray(items) : value;
      }
      return value;
    }

    String rename(String inputId, String value) throws JobRejectedException {
      if (isLfn(value)) {
        return local(inputId, value, settings, names, lfns);
      }
      if (value.isEmpty() || workerPaths.stream().anyMatch(value::startsWith)) {
        return value;
      }
      Path source = inputDirectory.resolve(value).normalize();
      if (!Files.exists(source)) {
        throw new JobRejectedException("input \"" + inputId + "\": \"" + value + "\" is neither an lfn: URI, nor"
            + " under a path the workers see (worker-paths: " + String.join(", ", workerPaths)
            + "), nor a file here to ship (" + source + " does not exist); give lfn:/<vo>/..., a path under"
            + " worker-paths, or an existing file");
      }
      try {
        source = source.toRealPath();
      } catch (IOException e) {
        throw new JobRejectedException("input \"" + inputId + "\": cannot read " + source + ": " + e.getMessage(), e);
      }
      String known = shippedNames.get(source);
      if (known != null) {
        return known;
      }
      if (!Files.isDirectory(source) && !Files.isRegularFile(source)) {
        throw new JobRejectedException("input \"" + inputId + "\": " + source + " is not a regular file or folder (a"
            + " device, FIFO or socket); only files and folders travel in the input sandbox");
      }
      String base = source.getFileName() == null ? "input" : source.getFileName().toString();
      String name = base;
      for (int n = 2; !names.add(name); n++) {
        name = n + "_" + base;
      }
      shippedNames.put(source, name);
      long used = shipped.stream().mapToLong(ShippedInput::bytes).sum();
      shipped.add(ShippedInput.of(inputId, source, name, hashes, settings.sandboxInputLimit() - used,
          settings.sandboxInputLimit()));
      return name;
    }
  }

  /** Names of the job's top folder on the worker that belong to the wrapper: no input may take them. */
  static boolean isReserved(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("vipb") || n.startsWith(".vipb") || n.equals(STDOUT) || n.equals(STDERR);
  }

  static boolean isLfn(String value) {
    return value.length() > 4 && LFN_SCHEME.matcher(value).lookingAt();
  }

  private static String local(String inputId, String uri, DiracSettings settings, Set<String> names,
      List<LfnInput> out) throws JobRejectedException {
    String lfn = uri.substring(4);
    while (lfn.startsWith("//")) {
      lfn = lfn.substring(1);
    }
    if (!lfn.startsWith("/") || lfn.endsWith("/") || lfn.contains("//") || lfn.contains("/../")
        || lfn.contains("/./")) {
      throw new JobRejectedException("input \"" + inputId + "\": \"" + uri + "\" is not a logical file name; write"
          + " lfn:/<vo>/path/to/file (absolute, without '//' or '..')");
    }
    Optional<String> vo = settings.vo();
    if (vo.isPresent() && !lfn.startsWith("/" + vo.get() + "/")) {
      throw new JobRejectedException("input \"" + inputId + "\": " + uri + " is outside the VO's namespace /"
          + vo.get() + "/ (DIRAC refuses it)");
    }
    for (int i = 0; i < lfn.length(); i++) {
      char c = lfn.charAt(i);
      if (c <= ' ' || c == ';' || c == '"' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
          || c == '\\' || c == '%' || c == '\'' || c == 0x7f) {
        throw new JobRejectedException("input \"" + inputId + "\": the LFN " + lfn + " holds '" + c
            + "', which cannot travel in a JDL InputData list; rename the grid file");
      }
    }
    String base = lfn.substring(lfn.lastIndexOf('/') + 1);
    if (isReserved(base)) {
      throw new JobRejectedException("input \"" + inputId + "\": the grid file " + lfn + " has the name of one of the"
          + " wrapper's own files (DIRAC puts InputData in the job's top folder, beside them: names starting with"
          + " vipb or .vipb, std.out, std.err are reserved); rename or copy the grid file");
    }
    String name = base;
    for (int n = 2; !names.add(name); n++) {
      name = n + "_" + base;
    }
    out.add(new LfnInput(inputId, lfn, name));
    return name;
  }

  /**
   * The grid job of a prepared request.
   *
   * @param original the request as given (its invocation is shipped as {@code invocation.json})
   */
  public static GridJob plan(String key, PreparedJob prepared, JobRequest original, Rewritten inputs,
      DiracSettings settings, byte[] descriptorJson, String descriptorDigest) throws JobRejectedException {
    List<LfnInput> lfnInputs = inputs.lfnInputs();
    Descriptor d = prepared.request().descriptor();
    String folder = prepared.folder().toString();
    if (prepared.commandLine().contains(folder)) {
      throw new JobRejectedException("the command line names the client's job folder " + folder
          + " (an input or output with uses-absolute-path), which does not exist on a grid worker; remove"
          + " uses-absolute-path from the descriptor to run it on DIRAC");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("job.conf", jobConf(key, prepared, settings).getBytes(StandardCharsets.UTF_8));
    files.put("command.sh", commandScript(prepared).getBytes(StandardCharsets.UTF_8));
    StringBuilder lfnList = new StringBuilder();
    for (LfnInput in : lfnInputs) {
      lfnList.append(in.lfn()).append('\t').append(in.localName()).append('\n');
    }
    files.put("inputs.lst", lfnList.toString().getBytes(StandardCharsets.UTF_8));
    if (!inputs.shippedInputs().isEmpty()) {
      StringBuilder shipped = new StringBuilder();
      for (ShippedInput in : inputs.shippedInputs()) {
        for (ShippedFile f : in.files()) {
          shipped.append(f.sha256().orElse("-")).append('\t').append(f.localPath()).append('\n');
        }
      }
      files.put(SHIPPED_LIST, shipped.toString().getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder outputs = new StringBuilder();
    for (OutputFile o : d.outputFiles()) {
      String path = prepared.simulation().outputFiles().get(o.id());
      if (path == null) {
        continue;
      }
      if (path.startsWith("/") || path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0) {
        throw new JobRejectedException("output \"" + o.id() + "\" has the path \"" + path + "\", which the grid"
            + " wrapper cannot collect (absolute, or with a tab or line break)");
      }
      outputs.append(o.id()).append('\t').append(o.optional() ? 1 : 0).append('\t').append(path).append('\n');
    }
    files.put("outputs.lst", outputs.toString().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> config : prepared.simulation().configFiles().entrySet()) {
      String path = prepared.simulation().outputFiles().get(config.getKey());
      if (path != null) {
        files.put("files/" + path, config.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    files.put("invocation.json",
        JsonWriter.pretty(2).write(original.invocation().toJson()).getBytes(StandardCharsets.UTF_8));
    Jdl jdl;
    try {
      jdl = jdl(key, d, lfnInputs, settings);
      JdlWriter.check(jdl);
    } catch (JdlException e) {
      throw new JobRejectedException(e.getMessage(), e);
    }
    return new GridJob(key, prepared, jdl, files, descriptorJson, descriptorDigest, lfnInputs,
        inputs.shippedInputs(), fingerprint(original));
  }

  /** The request's identity: descriptor, invocation, name and options. */
  public static String fingerprint(JobRequest request) {
    StringBuilder sb = new StringBuilder();
    sb.append(request.descriptor().json().toJson()).append('\0').append(request.invocation().toJson().toJson())
        .append('\0').append(request.name()).append('\0').append(new TreeMap<>(request.options()));
    return SandboxArchive.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The JDL of one job (without {@code InputSandbox}). */
  public static Jdl jdl(String key, Descriptor d, List<LfnInput> lfnInputs, DiracSettings s) throws JdlException {
    Jdl.Builder b = Jdl.builder()
        .string("JobName", key)
        .string("Executable", WrapperScript.NAME)
        .string("Arguments", key)
        .string("StdOutput", STDOUT)
        .string("StdError", STDERR)
        .list("OutputSandbox", List.of(STDOUT, STDERR, WRAPPER_LOG, SUMMARY, OUTPUTS_TAR))
        .string("JobType", s.jobType())
        .string("JobGroup", s.jobGroup().orElse(DEFAULT_JOB_GROUP));
    if (!lfnInputs.isEmpty()) {
      b.list("InputData", lfnInputs.stream().map(LfnInput::jdlForm).distinct().toList());
    }
    s.outputSe().ifPresent(se -> b.string("OutputSE", se));
    s.outputPath().ifPresent(p -> b.string("OutputPath", p));
    s.site().ifPresent(site -> b.string("Site", site));
    if (!s.bannedSites().isEmpty()) {
      b.list("BannedSites", s.bannedSites());
    }
    s.platform().ifPresent(p -> b.string("Platform", p));
    s.priority().ifPresent(p -> b.integer("Priority", p));
    s.logLevel().ifPresent(l -> b.string("LogLevel", l));
    Set<String> tags = new LinkedHashSet<>();
    d.gpu().filter(g -> g.policy() == GpuPolicy.REQUIRED).ifPresent(g -> tags.add("GPU"));
    tags.addAll(s.tags());
    if (!tags.isEmpty()) {
      b.list("Tags", List.copyOf(tags));
    }
    Optional<SuggestedResources> r = d.suggestedResources();
    r.flatMap(SuggestedResources::cpuCores).filter(c -> c >= 1).ifPresent(c -> b.integer("NumberOfProcessors",
        Math.min(1024, c)));
    r.flatMap(SuggestedResources::ramGb).filter(g -> g > 0).ifPresent(g -> b.integer("MaxRAM",
        (long) Math.ceil(g)));
    r.flatMap(SuggestedResources::walltimeEstimateSeconds).filter(w -> w > 0).ifPresent(w -> b.integer("CPUTime",
        Math.max(100, Math.min(500_000, (long) Math.ceil(w * s.hs06Factor())))));
    return b.build();
  }

  /**
   * Parametric JDLs for jobs that differ only by key: {@code Parameters} lists the keys (at most
   * 20 per JDL) and {@code JobName}/{@code Arguments} are {@code %s}. Jobs whose JDLs differ in
   * anything else (their InputData, say) go in separate JDLs.
   */
  public static List<Jdl> bulk(List<Jdl> jobs) {
    Map<Jdl, List<String>> groups = new LinkedHashMap<>();
    for (Jdl j : jobs) {
      String key = j.string("JobName").orElseThrow();
      Jdl shape = j.toBuilder().string("JobName", "%s").string("Arguments", "%s").build();
      groups.computeIfAbsent(shape, k -> new ArrayList<>()).add(key);
    }
    List<Jdl> out = new ArrayList<>();
    for (Map.Entry<Jdl, List<String>> g : groups.entrySet()) {
      List<String> keys = g.getValue();
      for (int i = 0; i < keys.size(); i += JdlWriter.MAX_BULK) {
        List<String> chunk = keys.subList(i, Math.min(keys.size(), i + JdlWriter.MAX_BULK));
        if (chunk.size() == 1) {
          out.add(g.getKey().toBuilder().string("JobName", chunk.get(0)).string("Arguments", chunk.get(0)).build());
        } else {
          out.add(g.getKey().toBuilder().list("Parameters", chunk).build());
        }
      }
    }
    return out;
  }

  private static String commandScript(PreparedJob prepared) throws JobRejectedException {
    StringBuilder sb = new StringBuilder("#!").append(prepared.shell()).append('\n');
    for (Map.Entry<String, String> e : prepared.environment().entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new JobRejectedException("environment variable name \"" + e.getKey() + "\" is not a shell name");
      }
      sb.append("export ").append(e.getKey()).append('=').append(ShellQuoting.quote(e.getValue())).append('\n');
    }
    return sb.append(prepared.commandLine()).append('\n').toString();
  }

  private static String jobConf(String key, PreparedJob prepared, DiracSettings s) throws JobRejectedException {
    Descriptor d = prepared.request().descriptor();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("VIPB_KEY", key);
    conf.put("VIPB_SHELL", prepared.shell());
    Optional<ContainerImage> image = d.containerImage()
        .filter(c -> c.type() != ContainerType.ROOTFS && c.image().isPresent());
    boolean useContainer = prepared.request().useContainer() && image.isPresent();
    conf.put("VIPB_IMAGE", useContainer ? image.get().image().orElse("") : "");
    conf.put("VIPB_IMAGE_TYPE", useContainer ? image.get().type().jsonName() : "");
    conf.put("VIPB_IMAGE_INDEX", useContainer ? image.get().index().orElse("") : "");
    // One option word a line: the wrapper splits at line breaks only, so a word reaches the runtime whole.
    String opts = String.join("\n", containerOptions(prepared.request(), s));
    conf.put("VIPB_DOCKER_OPTS", useContainer && image.get().type() == ContainerType.DOCKER ? opts : "");
    conf.put("VIPB_APPTAINER_OPTS", useContainer && image.get().type() == ContainerType.SINGULARITY ? opts : "");
    conf.put("VIPB_CONTAINER", useContainer ? s.container() : "none");
    Optional<GpuRequirement> gpu = d.gpu();
    conf.put("VIPB_GPU", gpu.map(g -> g.policy() == GpuPolicy.REQUIRED ? "required" : "preferred").orElse("none"));
    conf.put("VIPB_GPU_COUNT", gpu.map(g -> g.allDevices() ? "all" : Integer.toString(g.count())).orElse("all"));
    conf.put("VIPB_OUTPUT_SE", s.outputSe().orElse(""));
    conf.put("VIPB_OUTPUT_PATH", s.outputPath().orElse(""));
    conf.put("VIPB_SANDBOX_LIMIT", Long.toString(s.sandboxOutputLimit()));
    conf.put("VIPB_TIMEOUT", prepared.timeout().map(t -> Long.toString(Math.max(1, (t.toMillis() + 999) / 1000)))
        .orElse(""));
    StringBuilder sb = new StringBuilder("# vip-boutiques job settings, read by vipb-wrapper.sh\n");
    conf.forEach((k, v) -> sb.append(k).append('=').append(ShellQuoting.quote(v)).append('\n'));
    return sb.toString();
  }

  /**
   * The descriptor's {@code container-opts} the wrapper passes to the runtime, as separate words,
   * checked against the executor's {@value OptionAllowance#SETTING} (Docker's syntax for a Docker
   * image, Apptainer's for a Singularity one), without GPU flags; none when no container is used
   * or, for a Docker image that {@code container=apptainer} runs, when they are not passed.
   *
   * @throws JobRejectedException naming the option the policy refuses and the setting that allows it
   */
  public static List<String> containerOptions(JobRequest request, DiracSettings s) throws JobRejectedException {
    Optional<ContainerImage> image = request.descriptor().containerImage()
        .filter(c -> c.type() != ContainerType.ROOTFS && c.image().isPresent());
    String runtime = s.container();
    if (!request.useContainer() || image.isEmpty() || runtime.equals("none")
        || image.get().type() == ContainerType.DOCKER && !runtime.equals("auto") && !runtime.equals("docker")) {
      return List.of();
    }
    return withoutGpuFlags(ContainerOptionWords.of(image.get(), s.containerOptsAllow(), "dirac"));
  }

  /** Checked container options without GPU flags: the wrapper adds the right one for the runtime it finds. */
  static List<String> withoutGpuFlags(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i).toLowerCase(Locale.ROOT);
      if (t.equals("--gpus") || t.equals("--runtime")) {
        i++;
        continue;
      }
      if (t.startsWith("--gpus=") || t.equals("--runtime=nvidia") || t.equals("--nv")) {
        continue;
      }
      out.add(tokens.get(i));
    }
    return out;
  }
}
