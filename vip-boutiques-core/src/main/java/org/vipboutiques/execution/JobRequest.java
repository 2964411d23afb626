package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.retry.RetryPolicy;

/**
 * What to run: a descriptor and a checked invocation, and how. Build one with
 * {@link #builder(Descriptor, Invocation)}.
 *
 * @param workDirectory the job folder; by default a new folder under the executor's base folder
 * @param environment variables added to the tool's environment
 * @param timeout the longest the tool may run; by default the executor's, or derived from the
 *     descriptor's {@code walltime-estimate}
 * @param mounts extra folders for containerised tools
 * @param useContainer whether to run in the descriptor's container (when the back end can)
 * @param name a label for the job (defaults to the tool name)
 * @param options back-end options (a Slurm partition, a DIRAC site, ...); back ends ignore the others
 * @param inputDirectory where relative File inputs are found (by default the current directory);
 *     they are linked into the job folder at the same relative path, so the command line is unchanged
 * @param listeners told every event of the job, in order, from its queued state to its final one
 *     (see {@link JobListener})
 * @param dataCollection whether and where the run's provenance record is written (by default it
 *     is, in the reference's data folder; see {@link DataCollection})
 * @param retryPolicy when the job runs again after a failure; by default the executor's (its
 *     {@code retries} settings), which this replaces
 */
public record JobRequest(
    Descriptor descriptor,
    Invocation invocation,
    Optional<Path> workDirectory,
    Map<String, String> environment,
    Optional<Duration> timeout,
    List<Mount> mounts,
    boolean useContainer,
    String name,
    Map<String, String> options,
    Optional<Path> inputDirectory,
    List<JobListener> listeners,
    DataCollection dataCollection,
    Optional<RetryPolicy> retryPolicy) {

  public JobRequest {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(workDirectory, "workDirectory");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    Objects.requireNonNull(timeout, "timeout");
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + t);
      }
    });
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(name, "name");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    Objects.requireNonNull(inputDirectory, "inputDirectory");
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(dataCollection, "dataCollection");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
  }

  /** A request with the executor's retry policy. */
  public JobRequest(Descriptor descriptor, Invocation invocation, Optional<Path> workDirectory,
      Map<String, String> environment, Optional<Duration> timeout, List<Mount> mounts, boolean useContainer, String name,
      Map<String, String> options, Optional<Path> inputDirectory, List<JobListener> listeners,
      DataCollection dataCollection) {
    this(descriptor, invocation, workDirectory, environment, timeout, mounts, useContainer, name, options,
        inputDirectory, listeners, dataCollection, Optional.empty());
  }

  public static Builder builder(Descriptor descriptor, Invocation invocation) {
    return new Builder(descriptor, invocation);
  }

  public Builder toBuilder() {
    Builder b = new Builder(descriptor, invocation);
    b.workDirectory = workDirectory.orElse(null);
    b.environment.putAll(environment);
    b.timeout = timeout.orElse(null);
    b.mounts.addAll(mounts);
    b.useContainer = useContainer;
    b.name = name;
    b.options.putAll(options);
    b.inputDirectory = inputDirectory.orElse(null);
    b.listeners.addAll(listeners);
    b.dataCollection = dataCollection;
    b.retryPolicy = retryPolicy.orElse(null);
    return b;
  }

  /** A back-end option. */
  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /** Builder of {@link JobRequest}s. */
  public static final class Builder {
    private final Descriptor descriptor;
    private final Invocation invocation;
    private Path workDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout;
    private final List<Mount> mounts = new ArrayList<>();
    private boolean useContainer = true;
    private String name;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Path inputDirectory;
    private final List<JobListener> listeners = new ArrayList<>();
    private DataCollection dataCollection = DataCollection.defaults();
    private RetryPolicy retryPolicy;

    private Builder(Descriptor descriptor, Invocation invocation) {
      this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
      this.invocation = Objects.requireNonNull(invocation, "invocation");
    }

    public Builder workDirectory(Path folder) {
      this.workDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder mount(Mount mount) {
      mounts.add(Objects.requireNonNull(mount, "mount"));
      return this;
    }

    /** Runs the command on the host even when the descriptor names a container. */
    public Builder noContainer() {
      this.useContainer = false;
      return this;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Where relative File inputs are (by default the current directory). */
    public Builder inputDirectory(Path folder) {
      this.inputDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Follows the job from its start: the listener is told its queued state, the running state
     * before the first line, every line of its output and its final state, in that order, on
     * every back end. (A listener added to the {@link Job} after {@code submit} is told the past
     * first, with the latest lines only.)
     */
    public Builder listener(JobListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether and where the run's provenance record is written: {@code
     * DataCollection.defaults().inDirectory(folder)}, {@code DataCollection.skip()}, ...
     */
    public Builder dataCollection(DataCollection collection) {
      this.dataCollection = Objects.requireNonNull(collection, "collection");
      return this;
    }

    /** No provenance record for this run (the reference's {@code --skip-data-collection}). */
    public Builder skipDataCollection() {
      return dataCollection(DataCollection.skip());
    }

    /**
     * When this job runs again after a failure, instead of the executor's policy:
     * {@code RetryPolicy.attempts(3)} retries failures of what it runs on twice,
     * {@code RetryPolicy.NONE} never retries. Every attempt is in the result
     * ({@link JobResult#attempts()}), told to the listeners ({@link JobListener#retrying}) and
     * in the provenance record.
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public JobRequest build() {
      return new JobRequest(descriptor, invocation, Optional.ofNullable(workDirectory), environment,
          Optional.ofNullable(timeout), mounts, useContainer, name == null ? descriptor.name() : name, options,
          Optional.ofNullable(inputDirectory), listeners, dataCollection, Optional.ofNullable(retryPolicy));
    }
  }
}
