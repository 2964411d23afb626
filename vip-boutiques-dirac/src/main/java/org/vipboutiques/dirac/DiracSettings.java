package org.vipboutiques.dirac;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.dirac.wrapper.SandboxArchive;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.container.OptionAllowance;

/**
 * The DIRAC executor's settings, as strings from {@code ExecutorConfig.settings()} (and, for the
 * per-job ones, {@code JobRequest.options()}), read into typed values. Every value is checked
 * when the settings are made, so a typo fails early with the key in the message.
 * See {@code docs/dirac.md} for the list.
 */
public final class DiracSettings {

  /** Keys a job's options may override; the others belong to the executor. */
  public static final Set<String> PER_JOB = Set.of("site", "banned-sites", "platform", "priority", "job-group",
      "job-type", "tags", "output-se", "output-path", "hs06-factor", "container", "sandbox-output-limit", "vo",
      "log-level", "sandbox-input-limit", "worker-paths");

  /** Every key this back end reads. */
  public static final Set<String> KNOWN = Set.of("transport", "url", "token-file", "client-id", "scope",
      "dirac-env-script", "site", "banned-sites", "platform", "priority", "job-group", "job-type", "tags",
      "output-se", "output-path", "hs06-factor", "poll-interval", "store", "container", "sandbox-output-limit",
      "sandbox-format", "sandbox-jobs", "http-timeout", "http-retries", "max-retry-wait", "completed-grace",
      "cli-parallel", "reuse-submitted", "vo", "log-level", "login-interval", "timeout", "sandbox-input-limit",
      "worker-paths", "submit-lookup-wait", "sandbox-unpack-limit", "sandbox-unpack-entries", OptionAllowance.SETTING);

  /** The most local input data one job may ship: DiracX takes sandboxes of at most 100 MiB. */
  public static final long MAX_SANDBOX_INPUT_LIMIT = 90L * 1024 * 1024;

  /** DiracX's client id, shared with its Python client. */
  public static final String DEFAULT_CLIENT_ID = "myDIRACClientID";

  private final Map<String, String> values;
  private final Map<String, String> environment;

  private DiracSettings(Map<String, String> values, Map<String, String> environment) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.environment = Map.copyOf(environment);
    validate();
  }

  /** Settings from the given map, with the process environment for DIRACX_* variables. */
  public static DiracSettings of(Map<String, String> settings) {
    return new DiracSettings(settings, System.getenv());
  }

  /** Settings with an explicit environment (tests). */
  public static DiracSettings of(Map<String, String> settings, Map<String, String> environment) {
    return new DiracSettings(settings, environment);
  }

  /** These settings with a job's options laid over the per-job keys (others are ignored). */
  public DiracSettings forJob(Map<String, String> options) {
    boolean any = false;
    for (String k : options.keySet()) {
      if (PER_JOB.contains(k)) {
        any = true;
        break;
      }
    }
    if (!any) {
      return this;
    }
    Map<String, String> merged = new LinkedHashMap<>(values);
    options.forEach((k, v) -> {
      if (PER_JOB.contains(k)) {
        merged.put(k, v);
      }
    });
    return new DiracSettings(merged, environment);
  }

  public Map<String, String> values() {
    return values;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private void validate() {
    transport();
    priority();
    hs06Factor();
    pollInterval();
    httpTimeout();
    submitLookupWait();
    httpRetries();
    maxRetryWait();
    completedGrace();
    cliParallel();
    sandboxJobs();
    sandboxOutputLimit();
    sandboxInputLimit();
    sandboxFormat();
    unpackLimits();
    container();
    containerOptsAllow();
    loginInterval();
    jobType();
    outputPath().ifPresent(p -> {
      if (!p.startsWith("/") || p.contains("//")) {
        throw new IllegalArgumentException("setting output-path \"" + p + "\" must be an absolute LFN folder such"
            + " as /biomed/user/j/jdoe/results, without '//'");
      }
    });
    if (outputPath().isPresent() != outputSe().isPresent()) {
      throw new IllegalArgumentException("settings output-se and output-path go together: set both (outputs are"
          + " uploaded to that storage element under that LFN folder) or neither (outputs come back in the"
          + " output sandbox)");
    }
  }

  /** {@code diracx} or {@code cli}; DiracX when a URL is known, else the command line. */
  public String transport() {
    String t = get("transport").orElse(url().isPresent() ? "diracx" : "cli").toLowerCase(Locale.ROOT);
    if (!t.equals("diracx") && !t.equals("cli")) {
      throw new IllegalArgumentException("setting transport must be diracx or cli, not \"" + t + "\"");
    }
    return t;
  }

  /** The DiracX URL: setting {@code url}, else {@code DIRACX_URL}. */
  public Optional<String> url() {
    return get("url").or(() -> Optional.ofNullable(environment.get("DIRACX_URL")).filter(s -> !s.isBlank()))
        .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
  }

  /**
   * The credentials file: setting {@code token-file}, else {@code DIRACX_CREDENTIALS_PATH}, else
   * {@code ~/.cache/diracx/credentials.json} (the Python client's, so both share one login).
   */
  public Path tokenFile() {
    return get("token-file").or(() -> Optional.ofNullable(environment.get("DIRACX_CREDENTIALS_PATH")))
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "diracx", "credentials.json"));
  }

  public String clientId() {
    return get("client-id").orElse(DEFAULT_CLIENT_ID);
  }

  /** The login scope, e.g. {@code vo:biomed group:biomed_user}. */
  public Optional<String> scope() {
    return get("scope");
  }

  public Optional<Path> diracEnvScript() {
    return get("dirac-env-script").map(Path::of);
  }

  public Optional<String> site() {
    return get("site");
  }

  public List<String> bannedSites() {
    return listOf("banned-sites");
  }

  public Optional<String> platform() {
    return get("platform");
  }

  public Optional<Integer> priority() {
    return get("priority").map(s -> intIn("priority", s, 0, 10));
  }

  public Optional<String> jobGroup() {
    return get("job-group");
  }

  public String jobType() {
    String t = get("job-type").orElse("User");
    if (!Set.of("User", "Test", "Hospital").contains(t)) {
      throw new IllegalArgumentException("setting job-type must be User, Test or Hospital, not \"" + t + "\"");
    }
    return t;
  }

  /** Extra tags every job asks for (comma-separated). */
  public List<String> tags() {
    return listOf("tags");
  }

  public Optional<String> outputSe() {
    return get("output-se");
  }

  public Optional<String> outputPath() {
    return get("output-path").map(p -> p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p);
  }

  /** The virtual organisation, when set: LFNs must then start with {@code /<vo>/}. */
  public Optional<String> vo() {
    return get("vo");
  }

  public Optional<String> logLevel() {
    return get("log-level");
  }

  /** HS06 per core-second: {@code CPUTime = walltime-estimate x hs06-factor}. Default 10. */
  public double hs06Factor() {
    String s = get("hs06-factor").orElse("10");
    try {
      double f = Double.parseDouble(s);
      if (!(f > 0) || Double.isInfinite(f)) {
        throw new NumberFormatException();
      }
      return f;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting hs06-factor must be a positive number (HS06 per core), not \""
          + s + "\"");
    }
  }

  public Duration pollInterval() {
    return duration("poll-interval", "30s");
  }

  public Duration httpTimeout() {
    return duration("http-timeout", "60s");
  }

  /**
   * After a submission that got no answer, how long its jobs are looked up by name before they
   * are sent again (a busy service may still be creating them).
   */
  public Duration submitLookupWait() {
    return duration("submit-lookup-wait", "30s");
  }

  public int httpRetries() {
    return intIn("http-retries", get("http-retries").orElse("6"), 0, 100);
  }

  public Duration maxRetryWait() {
    return duration("max-retry-wait", "60s");
  }

  /** How long a job may stay Completed before it is taken as ended. */
  public Duration completedGrace() {
    return duration("completed-grace", "10m");
  }

  public Duration loginInterval() {
    return duration("login-interval", "5s");
  }

  public int cliParallel() {
    return intIn("cli-parallel", get("cli-parallel").orElse("4"), 1, 64);
  }

  /** Jobs whose per-job files share one input sandbox archive. */
  public int sandboxJobs() {
    return intIn("sandbox-jobs", get("sandbox-jobs").orElse("100"), 1, 10_000);
  }

  /** Outputs up to this many bytes in all also come back in the output sandbox when they go to an SE. */
  public long sandboxOutputLimit() {
    return size("sandbox-output-limit", "10M");
  }

  /**
   * Bounds on unpacking one output sandbox or outputs archive: {@code sandbox-unpack-limit} bytes
   * (default 2G) and {@code sandbox-unpack-entries} entries (default 100000).
   */
  public SandboxArchive.Limits unpackLimits() {
    return new SandboxArchive.Limits(size("sandbox-unpack-limit", "2G"),
        intIn("sandbox-unpack-entries", get("sandbox-unpack-entries").orElse("100000"), 1, Integer.MAX_VALUE));
  }

  /** Local input files up to this many bytes in all travel in a job's input sandbox (at most 90M). */
  public long sandboxInputLimit() {
    long limit = size("sandbox-input-limit", "10M");
    if (limit > MAX_SANDBOX_INPUT_LIMIT) {
      throw new IllegalArgumentException("setting sandbox-input-limit is at most 90M (DiracX takes sandboxes of at"
          + " most 100 MiB); larger inputs belong on a storage element, given as lfn:");
    }
    return limit;
  }

  /**
   * Path prefixes the workers see as they are (a File input under one is passed unchanged, neither
   * fetched nor shipped); {@code /cvmfs/} by default.
   */
  public List<String> workerPaths() {
    return get("worker-paths").isPresent() ? listOf("worker-paths") : List.of("/cvmfs/");
  }

  /** A size such as 10M, 500K, 2G or 1024 (bytes). */
  private long size(String key, String fallback) {
    String s = get(key).orElse(fallback).toUpperCase(Locale.ROOT);
    long factor = 1;
    if (s.endsWith("IB")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("B")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("K")) {
      factor = 1024;
    } else if (s.endsWith("M")) {
      factor = 1024 * 1024;
    } else if (s.endsWith("G")) {
      factor = 1024L * 1024 * 1024;
    }
    if (factor > 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      long n = Long.parseLong(s.trim()) * factor;
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " must be a size such as 10M or 500K, not \""
          + get(key).orElse("") + "\"");
    }
  }

  /** {@code tar.zst} (what DiracX's client writes) or {@code tar.bz2}. */
  public String sandboxFormat() {
    String f = get("sandbox-format").orElse("tar.zst");
    if (!f.equals("tar.zst") && !f.equals("tar.bz2")) {
      throw new IllegalArgumentException("setting sandbox-format must be tar.zst or tar.bz2, not \"" + f + "\"");
    }
    return f;
  }

  /** {@code auto}, {@code docker}, {@code apptainer}, {@code singularity} or {@code none}. */
  public String container() {
    String c = get("container").orElse("auto").toLowerCase(Locale.ROOT);
    if (!Set.of("auto", "docker", "apptainer", "singularity", "none").contains(c)) {
      throw new IllegalArgumentException("setting container must be auto, docker, apptainer, singularity or none,"
          + " not \"" + c + "\"");
    }
    return c;
  }

  /**
   * What a descriptor's {@code container-opts} may do beyond the job folder ({@value OptionAllowance#SETTING},
   * the executor's alone: no job option overrides it); nothing by default.
   */
  public Set<OptionAllowance> containerOptsAllow() {
    return OptionAllowance.parse(get(OptionAllowance.SETTING).orElse(""));
  }

  /** Whether a job identical to an unfinished one of an earlier run re-attaches to it. Default true. */
  public boolean reuseSubmitted() {
    return !get("reuse-submitted").map(s -> s.equalsIgnoreCase("false") || s.equals("0")).orElse(false);
  }

  /** The job store file, when set. */
  public Optional<Path> store() {
    return get("store").map(Path::of);
  }

  private List<String> listOf(String key) {
    return get(key).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
        .orElse(List.of());
  }

  private Duration duration(String key, String fallback) {
    String s = get(key).orElse(fallback);
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + key + ": " + e.getMessage());
    }
  }

  private static int intIn(String key, String s, int min, int max) {
    try {
      int n = Integer.parseInt(s.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " must be an integer in " + min + ".." + max + ", not \""
          + s + "\"");
    }
  }

  @Override
  public String toString() {
    return "DiracSettings" + values;
  }
}
