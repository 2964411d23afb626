package org.vipboutiques.dirac;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.cli.CliTransport;
import org.vipboutiques.dirac.diracx.DiracxTransport;
import org.vipboutiques.dirac.monitor.DiracState;
import org.vipboutiques.dirac.monitor.StatusPoller;
import org.vipboutiques.dirac.store.DiracJobRecord;
import org.vipboutiques.dirac.store.DiracJobStore;
import org.vipboutiques.dirac.transport.DiracTransport;
import org.vipboutiques.dirac.transport.GridSubmission;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.dirac.transport.SandboxContent;
import org.vipboutiques.dirac.transport.SubmitResult;
import org.vipboutiques.dirac.wrapper.ContentHashes;
import org.vipboutiques.dirac.wrapper.GridJob;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.dirac.wrapper.SandboxArchive;
import org.vipboutiques.dirac.wrapper.ShippedFile;
import org.vipboutiques.dirac.wrapper.ShippedInput;
import org.vipboutiques.dirac.wrapper.WrapperScript;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.PreparedJob;
import org.vipboutiques.json.JsonWriter;

/**
 * Runs Boutiques tools as DIRAC grid jobs through DiracX's REST API or DIRAC's command line.
 * {@link #submitAll} prepares each job folder, maps each invocation to a JDL and the wrapper's
 * files, records the jobs in the local store, and submits them in shared sandboxes and lists of
 * at most 20. One poller follows every job with one status request per round; ended jobs get
 * their output sandbox downloaded and unpacked into their folder. A restarted application
 * re-attaches with {@link #reattach()} or {@link #attach}; submitting a request identical to an
 * unfinished one of an earlier run re-attaches to it instead of submitting it again.
 *
 * <p>{@link #close()} kills the jobs still running (the executor API's contract);
 * {@link #detach()} leaves them running on the grid, to be re-attached later.
 */
public final class DiracExecutor implements JobExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(DiracExecutor.class);
  private static final int THREADS = 4;
  /** Bytes of job files one input sandbox may hold before compression (DiracX takes at most 100 MiB). */
  private static final long SANDBOX_BUDGET = DiracSettings.MAX_SANDBOX_INPUT_LIMIT;
  private static final AtomicLong POOLS = new AtomicLong();

  private final ExecutorConfig config;
  private final DiracSettings settings;
  private final DiracTransport transport;
  private final DiracJobStore store;
  /** Content hashes of shipped local inputs, kept for the executor's life (keyed by path, size, mtime). */
  private final ContentHashes hashes = new ContentHashes();
  private final Map<Long, DiracJob> followed = new ConcurrentHashMap<>();
  private final Map<String, DiracJob> byKey = new ConcurrentHashMap<>();
  private final Map<String, Deque<DiracJobRecord>> reusable = new HashMap<>();
  private final Set<Long> killRequests = ConcurrentHashMap.newKeySet();
  /** Ends to record (key, state), applied to the store's records as the file holds them at the flush. */
  private final ConcurrentLinkedQueue<Map.Entry<String, JobState>> storeQueue = new ConcurrentLinkedQueue<>();
  private final ExecutorService workers;
  private final ExecutorService fetchers;
  private final StatusPoller poller;
  private volatile boolean closed;

  DiracExecutor(ExecutorConfig config, DiracSettings settings, DiracTransport transport, DiracJobStore store) {
    this.config = config;
    this.settings = settings;
    this.transport = transport;
    this.store = store;
    long n = POOLS.incrementAndGet();
    this.workers = java.util.concurrent.Executors.newFixedThreadPool(THREADS, DaemonThreads.named("vipb-dirac-" + n + "-submit"));
    this.fetchers = java.util.concurrent.Executors.newFixedThreadPool(THREADS, DaemonThreads.named("vipb-dirac-" + n + "-fetch"));
    for (DiracJobRecord r : store.unfinished()) {
      reusable.computeIfAbsent(r.fingerprint(), k -> new ArrayDeque<>()).add(r);
    }
    this.poller = new StatusPoller(transport, () -> List.copyOf(followed.keySet()), settings.pollInterval(),
        new StatusPoller.Listener() {
          @Override
          public void beforeRound() {
            flushKills();
            flushStore();
          }

          @Override
          public void round(Map<Long, JobStatusRecord> statuses, Collection<Long> absent) {
            onRound(statuses, absent);
          }
        });
    poller.start();
  }

  /** Makes the executor of a configuration (the factory's work, public for tools and tests). */
  public static DiracExecutor create(ExecutorConfig config) throws IllegalArgumentException {
    DiracSettings settings = DiracSettings.of(config.settings());
    Path base = config.baseDirectory();
    DiracTransport transport = settings.transport().equals("diracx") ? new DiracxTransport(settings)
        : new CliTransport(settings, base.resolve(".dirac-submit"));
    DiracJobStore store = DiracJobStore.open(settings.store().orElse(base.resolve(".dirac-jobs.jsonl")));
    return new DiracExecutor(config, settings, transport, store);
  }

  @Override
  public String name() {
    return "dirac";
  }

  public DiracSettings settings() {
    return settings;
  }

  public DiracTransport transport() {
    return transport;
  }

  public DiracJobStore store() {
    return store;
  }

  @Override
  public Job submit(JobRequest request) throws JobRejectedException {
    return submitAll(List.of(request)).get(0);
  }

  /**
   * Submits jobs together: jobs of one descriptor share input sandboxes and go out in lists of
   * at most 20. Every request is checked and prepared first; a request that cannot run rejects
   * the whole call before anything is submitted. A job DIRAC refuses ends FAILED with DIRAC's
   * reason; its handle is still returned.
   */
  @Override
  public List<Job> submitAll(List<JobRequest> requests) throws JobRejectedException {
    if (closed) {
      throw new JobRejectedException("the DIRAC executor is closed");
    }
    Map<Descriptor, String[]> descriptors = new IdentityHashMap<>();
    List<Job> handles = new ArrayList<>(requests.size());
    List<Integer> toPrepare = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JobRequest r = requests.get(i);
      String fp = GridJobPlanner.fingerprint(r);
      fingerprints.add(fp);
      Optional<DiracJob> reused = settings.reuseSubmitted() ? reuse(fp) : Optional.empty();
      handles.add(reused.orElse(null));
      if (reused.isEmpty()) {
        toPrepare.add(i);
        descriptors.computeIfAbsent(r.descriptor(), d -> {
          byte[] json = (JsonWriter.pretty(2).write(d.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
          return new String[] {new String(json, StandardCharsets.UTF_8), SandboxArchive.sha256(json)};
        });
      }
    }
    for (int i : toPrepare) {
      // Before any folder is made: container-opts the policy refuses leave nothing behind.
      JobRequest r = requests.get(i);
      try {
        GridJobPlanner.containerOptions(r, settings.forJob(r.options()));
      } catch (IllegalArgumentException e) {
        throw new JobRejectedException("job options: " + e.getMessage(), e);
      }
    }
    List<GridJob> planned = prepareAll(requests, toPrepare, descriptors);
    List<DiracJob> jobs = new ArrayList<>(planned.size());
    List<DiracJobRecord> pending = new ArrayList<>(planned.size());
    for (int k = 0; k < planned.size(); k++) {
      GridJob g = planned.get(k);
      DiracJob job = new DiracJob(g.key(), g.prepared(), this);
      jobs.add(job);
      byKey.put(g.key(), job);
      handles.set(toPrepare.get(k), job);
      pending.add(DiracJobRecord.pending(g.key(), g.prepared().folder(), transport.name(), g.fingerprint()));
    }
    // Recorded before anything is sent: a crash from here on leaves keys to look up, not lost jobs.
    store.recordAll(pending);
    submitPlanned(planned, jobs);
    return handles;
  }

  private Optional<DiracJob> reuse(String fingerprint) {
    Deque<DiracJobRecord> candidates;
    synchronized (reusable) {
      candidates = reusable.get(fingerprint);
      if (candidates == null || candidates.isEmpty()) {
        return Optional.empty();
      }
    }
    DiracJobRecord r;
    synchronized (reusable) {
      r = candidates.poll();
    }
    if (r == null) {
      return Optional.empty();
    }
    LOG.info("an identical job was submitted by an earlier run ({}): following it instead of submitting again", r.key());
    return attachRecord(r);
  }

  private List<GridJob> prepareAll(List<JobRequest> requests, List<Integer> indices, Map<Descriptor, String[]> descriptors)
      throws JobRejectedException {
    List<GridJob> out = new ArrayList<>(indices.size());
    int per = Math.max(1, (indices.size() + THREADS * 4 - 1) / (THREADS * 4));
    List<Future<List<GridJob>>> parts = new ArrayList<>();
    for (int start = 0; start < indices.size(); start += per) {
      List<Integer> slice = indices.subList(start, Math.min(indices.size(), start + per));
      parts.add(workers.submit(() -> {
        List<GridJob> done = new ArrayList<>(slice.size());
        for (int i : slice) {
          JobRequest r = requests.get(i);
          String[] d = descriptors.get(r.descriptor());
          done.add(plan(r, d[0].getBytes(StandardCharsets.UTF_8), d[1]));
        }
        return done;
      }));
    }
    for (Future<List<GridJob>> f : parts) {
      try {
        out.addAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobRejectedException("interrupted while preparing the jobs", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof JobRejectedException j) {
          throw j;
        }
        throw new JobRejectedException("a job could not be prepared: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private GridJob plan(JobRequest request, byte[] descriptorJson, String digest) throws JobRejectedException {
    DiracSettings jobSettings;
    try {
      jobSettings = settings.forJob(request.options());
    } catch (IllegalArgumentException e) {
      throw new JobRejectedException("job options: " + e.getMessage(), e);
    }
    GridJobPlanner.Rewritten rw = GridJobPlanner.rewriteFileInputs(request, jobSettings, hashes);
    PreparedJob prepared = JobFolder.prepare(rw.request(), config);
    return GridJobPlanner.plan(newKey(), prepared, request, rw, jobSettings, descriptorJson, digest);
  }

  private static String newKey() {
    return "vipb_" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  private void submitPlanned(List<GridJob> planned, List<DiracJob> jobs) throws JobRejectedException {
    Map<String, List<Integer>> byDescriptor = new LinkedHashMap<>();
    for (int i = 0; i < planned.size(); i++) {
      byDescriptor.computeIfAbsent(planned.get(i).descriptorDigest(), k -> new ArrayList<>()).add(i);
    }
    int perSandbox = settings.sandboxJobs();
    List<List<Integer>> groups = new ArrayList<>();
    for (List<Integer> same : byDescriptor.values()) {
      List<Integer> group = new ArrayList<>();
      Set<String> contents = new HashSet<>();
      long bytes = 0;
      for (int i : same) {
        long added = shippedBytes(planned.get(i), contents);
        if (!group.isEmpty() && (group.size() == perSandbox || bytes + added > SANDBOX_BUDGET)) {
          groups.add(group);
          group = new ArrayList<>();
          contents.clear();
          bytes = 0;
          added = shippedBytes(planned.get(i), contents);
        }
        group.add(i);
        bytes += added;
      }
      groups.add(group);
    }
    List<Future<?>> futures = new ArrayList<>();
    DiracException[] firstFatal = new DiracException[1];
    AtomicLong accepted = new AtomicLong();
    for (List<Integer> group : groups) {
      futures.add(workers.submit(() -> {
        try {
          submitGroup(group, planned, jobs, accepted);
        } catch (DiracException e) {
          synchronized (firstFatal) {
            if (firstFatal[0] == null) {
              firstFatal[0] = e;
            }
          }
          for (int i : group) {
            failSubmission(jobs.get(i), e.getMessage(), e.ambiguous());
          }
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobRejectedException("interrupted while submitting", e);
      } catch (ExecutionException e) {
        LOG.error("submission failed", e.getCause());
      }
    }
    flushStore();
    if (firstFatal[0] != null && accepted.get() == 0 && !firstFatal[0].ambiguous()) {
      throw new JobRejectedException("DIRAC accepted none of the " + planned.size() + " jobs: "
          + firstFatal[0].getMessage(), firstFatal[0]);
    }
    poller.wakeUp();
  }

  /** Bytes a job's shipped files add to a sandbox already holding {@code contents} (which it joins). */
  private static long shippedBytes(GridJob job, Set<String> contents) {
    long bytes = job.files().values().stream().mapToLong(b -> b.length).sum();
    for (ShippedInput in : job.shippedInputs()) {
      for (ShippedFile f : in.files()) {
        if (f.sandboxEntry().isPresent() && contents.add(f.sandboxEntry().get())) {
          bytes += f.size();
        }
      }
    }
    return bytes;
  }

  private void submitGroup(List<Integer> group, List<GridJob> planned, List<DiracJob> jobs, AtomicLong accepted)
      throws DiracException {
    GridJob first = planned.get(group.get(0));
    Map<String, byte[]> perJob = new LinkedHashMap<>();
    List<GridSubmission.Entry> entries = new ArrayList<>(group.size());
    Map<String, DiracJob> jobOf = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    for (int i : group) {
      GridJob g = planned.get(i);
      Optional<String> problem = packShipped(g, perJob, unreadable);
      if (problem.isPresent()) {
        failSubmission(jobs.get(i), problem.get(), false);
        continue;
      }
      g.files().forEach((name, bytes) -> perJob.put("vipb/" + g.key() + "/" + name, bytes));
      entries.add(new GridSubmission.Entry(g.key(), g.jdl()));
      jobOf.put(g.key(), jobs.get(i));
    }
    if (entries.isEmpty()) {
      return;
    }
    Map<String, byte[]> sandbox = new LinkedHashMap<>();
    sandbox.put(WrapperScript.NAME, WrapperScript.bytes());
    sandbox.put(GridJobPlanner.DESCRIPTOR, first.descriptorJson());
    sandbox.put(GridJobPlanner.JOBS_TAR, SandboxArchive.tar(perJob));
    SubmitResult result = transport.submit(new GridSubmission(entries, new SandboxContent(sandbox)));
    Map<String, Long> ids = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>(result.unknown());
    Map<String, Long> submitted = new LinkedHashMap<>(result.submitted());
    if (!unknown.isEmpty() && transport.canSearchByName()) {
      try {
        Map<String, Long> found = transport.findByName(unknown);
        submitted.putAll(found);
        unknown.removeAll(found.keySet());
      } catch (DiracException e) {
        LOG.warn("cannot look up {} jobs whose submission got no answer: {}", unknown.size(), e.getMessage());
      }
    }
    for (Map.Entry<String, Long> s : submitted.entrySet()) {
      DiracJob job = jobOf.get(s.getKey());
      if (job == null) {
        continue;
      }
      job.submitted(s.getValue());
      ids.put(job.key(), s.getValue());
      accepted.incrementAndGet();
      followed.put(s.getValue(), job);
      if (job.wasCancelRequested()) {
        requestKill(job);
      }
    }
    store.submitted(ids, key -> DiracJobRecord.pending(key, jobOf.get(key).workDirectory(), transport.name(), ""));
    result.refused().forEach((key, why) -> failSubmission(jobOf.get(key), why, false));
    for (String key : unknown) {
      failSubmission(jobOf.get(key), "DIRAC did not say whether it accepted the job (no answer, and "
          + transport.name() + " cannot look jobs up by name); it is left pending in the store " + store.file()
          + " and is not submitted again automatically", true);
    }
  }

  /**
   * Puts a job's shipped files into the sandbox's entries (each content once) and says why the job
   * cannot go when one cannot be packed. The content is checked against the SHA-256 the job was
   * planned with: a file changed since would otherwise reach the worker under the wrong name, or
   * not as the caller last saw it.
   */
  private static Optional<String> packShipped(GridJob job, Map<String, byte[]> entries, Map<String, String> unreadable) {
    for (ShippedInput in : job.shippedInputs()) {
      for (ShippedFile f : in.files()) {
        if (f.sandboxEntry().isEmpty() || entries.containsKey(f.sandboxEntry().get())) {
          continue;
        }
        String entry = f.sandboxEntry().get();
        String why = unreadable.get(entry);
        if (why == null) {
          try {
            // Read no further than the planned size: a file grown or replaced since is caught below.
            byte[] content;
            if (!Files.isRegularFile(f.source())) {
              throw new IOException("it is no longer a regular file");
            }
            try (java.io.InputStream stream = Files.newInputStream(f.source())) {
              content = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, f.size() + 1));
            }
            if (content.length == f.size() && SandboxArchive.sha256(content).equals(f.sha256().orElseThrow())) {
              entries.put(entry, content);
              continue;
            }
            why = "the local input " + f.source() + " (input \"" + in.inputId() + "\") changed while the job was"
                + " being submitted (its content no longer has the SHA-256 it was planned with); submit the job again"
                + " once the file is final";
          } catch (IOException e) {
            why = "cannot read the local input " + f.source() + " (input \"" + in.inputId() + "\") to ship it: "
                + e.getMessage();
          }
          unreadable.put(entry, why);
        }
        return Optional.of(why);
      }
    }
    return Optional.empty();
  }

  private void failSubmission(DiracJob job, String why, boolean keepPending) {
    if (job == null || job.diracId().isPresent()) {
      return;
    }
    job.failWithout("not submitted: " + why, false);
    byKey.remove(job.key());
    if (!keepPending) {
      storeQueue.add(Map.entry(job.key(), JobState.FAILED));
    }
  }

  /** Re-attaches to a job of the store, by DIRAC id or by key. */
  @Override
  public Optional<Job> attach(String jobId) {
    Optional<DiracJobRecord> r;
    try {
      r = store.byId(Long.parseLong(jobId.trim()));
    } catch (NumberFormatException e) {
      r = store.byKey(jobId.trim());
    }
    return r.flatMap(this::attachRecord).map(j -> j);
  }

  /**
   * Re-attaches to every job of the store not known to have ended. Submissions an earlier run
   * left without an answer are looked up by name first (DiracX); those never submitted end
   * FAILED and are marked so in the store.
   */
  public List<Job> reattach() {
    List<Job> out = new ArrayList<>();
    List<DiracJobRecord> unfinished = store.unfinished();
    List<String> pendingKeys = unfinished.stream().filter(r -> r.jobId().isEmpty()).map(DiracJobRecord::key).toList();
    Map<String, Long> found = Map.of();
    if (!pendingKeys.isEmpty() && transport.canSearchByName()) {
      try {
        found = transport.findByName(pendingKeys);
      } catch (DiracException e) {
        LOG.warn("cannot look up {} pending submissions: {}", pendingKeys.size(), e.getMessage());
        pendingKeys = List.of();
      }
    }
    List<String> neverSent = new ArrayList<>();
    Map<String, Long> sent = new LinkedHashMap<>();
    for (DiracJobRecord r : unfinished) {
      DiracJobRecord rec = r;
      if (r.jobId().isEmpty()) {
        Long id = found.get(r.key());
        if (id == null) {
          if (pendingKeys.contains(r.key())) {
            neverSent.add(r.key());
          }
          continue;
        }
        rec = r.submitted(id);
        sent.put(r.key(), id);
      }
      synchronized (reusable) {
        Deque<DiracJobRecord> d = reusable.get(r.fingerprint());
        if (d != null) {
          d.removeIf(x -> x.key().equals(r.key()));
        }
      }
      attachRecord(rec).ifPresent(out::add);
    }
    store.submitted(sent, key -> unfinished.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow());
    store.abandoned(neverSent);
    return out;
  }

  private Optional<DiracJob> attachRecord(DiracJobRecord r) {
    DiracJob existing = byKey.get(r.key());
    if (existing != null) {
      return Optional.of(existing);
    }
    if (r.jobId().isEmpty()) {
      return Optional.empty();
    }
    PreparedJob prepared;
    try {
      prepared = JobFolder.reopen(r.folder(), config, r.submittedAt());
    } catch (JobRejectedException e) {
      LOG.warn("cannot re-attach DIRAC job {}: {}", r.jobId().get(), e.getMessage());
      return Optional.empty();
    }
    DiracJob job = new DiracJob(r.key(), prepared, this);
    job.submitted(r.jobId().get());
    byKey.put(r.key(), job);
    followed.put(r.jobId().get(), job);
    poller.wakeUp();
    return Optional.of(job);
  }

  // --- following -------------------------------------------------------------------------------

  private void onRound(Map<Long, JobStatusRecord> statuses, Collection<Long> absent) {
    Instant now = Instant.now();
    Duration grace = settings.completedGrace();
    for (Map.Entry<Long, JobStatusRecord> e : statuses.entrySet()) {
      DiracJob job = followed.get(e.getKey());
      if (job == null || job.isFinishing()) {
        continue;
      }
      JobStatusRecord r = e.getValue();
      Optional<DiracState> state = DiracState.parse(r.status());
      if (state.isEmpty()) {
        LOG.warn("job {}: unknown DIRAC status \"{}\"", e.getKey(), r.status());
        continue;
      }
      DiracState s = state.get();
      job.observed(r, s);
      boolean ended = s == DiracState.DONE || s == DiracState.FAILED || s == DiracState.KILLED
          || s == DiracState.DELETED;
      if (s == DiracState.COMPLETED && job.completedSince().map(t -> t.plus(grace).isBefore(now)).orElse(false)) {
        ended = true;
      }
      if (ended) {
        finishLater(job, r, s);
      }
    }
    for (long id : absent) {
      DiracJob job = followed.get(id);
      if (job != null && !job.isFinishing() && job.missed() >= 3) {
        job.markFinishing();
        fetchers.execute(() -> {
          job.failWithout("DIRAC no longer knows job " + id + " (absent from 3 status answers in a row)", false);
          ended(job);
        });
      }
    }
  }

  private void finishLater(DiracJob job, JobStatusRecord r, DiracState s) {
    job.markFinishing();
    fetchers.execute(() -> {
      long id = job.diracId().orElseThrow();
      Path out = job.workDirectory().resolve(DiracJob.OUTPUT_FOLDER);
      boolean got = false;
      Optional<String> problem = Optional.empty();
      if (s != DiracState.DELETED && s != DiracState.KILLED || !job.wasCancelRequested()) {
        for (int attempt = 0; attempt < 3 && !got; attempt++) {
          try {
            got = transport.fetchOutput(id, out);
            break;
          } catch (DiracException e) {
            problem = Optional.of(e.getMessage());
            if (!e.retryable()) {
              break;
            }
            sleep(500L << attempt);
          }
        }
      }
      try {
        job.complete(r, s, got, problem);
      } catch (RuntimeException e) {
        LOG.error("job {}: cannot build its result", id, e);
        job.failWithout("cannot build the result: " + e, false);
      }
      ended(job);
    });
  }

  private void ended(DiracJob job) {
    job.diracId().ifPresent(followed::remove);
    byKey.remove(job.key());
    storeQueue.add(Map.entry(job.key(), job.status().state()));
    if (followed.isEmpty()) {
      flushStore();
    }
  }

  void requestKill(DiracJob job) {
    job.diracId().ifPresent(id -> {
      killRequests.add(id);
      poller.wakeUp();
    });
  }

  private void flushKills() {
    if (killRequests.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(killRequests);
    try {
      transport.kill(ids);
      killRequests.removeAll(ids);
    } catch (DiracException e) {
      LOG.warn("cannot kill jobs {}: {}; trying again", ids, e.getMessage());
    }
  }

  private void flushStore() {
    Map<String, JobState> batch = new LinkedHashMap<>();
    Map.Entry<String, JobState> end;
    while ((end = storeQueue.poll()) != null) {
      batch.putIfAbsent(end.getKey(), end.getValue());
    }
    if (!batch.isEmpty()) {
      try {
        store.finished(batch);
      } catch (RuntimeException e) {
        LOG.error("cannot record {} ended jobs in the store: {}", batch.size(), e.getMessage());
      }
    }
  }

  /** The jobs this executor follows now. */
  public List<DiracJob> followedJobs() {
    return List.copyOf(new LinkedHashSet<>(byKey.values()));
  }

  /** Stops following without killing anything: the jobs stay on the grid and in the store. */
  public void detach() {
    shutdown();
  }

  /** Kills the jobs still running, then releases everything. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    List<Long> running = new ArrayList<>(followed.keySet());
    if (!running.isEmpty()) {
      try {
        transport.kill(running);
      } catch (DiracException e) {
        LOG.warn("cannot kill {} jobs on close: {}", running.size(), e.getMessage());
      }
    }
    shutdown();
  }

  private void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    poller.stop();
    workers.shutdown();
    fetchers.shutdown();
    try {
      fetchers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushStore();
    transport.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
