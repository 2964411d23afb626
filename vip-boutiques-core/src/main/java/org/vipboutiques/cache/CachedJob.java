package org.vipboutiques.cache;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.Boutiques;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;
import org.vipboutiques.execution.job.AbstractJob;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.execution.job.OwnerOnly;
import org.vipboutiques.json.JsonWriter;
import org.vipboutiques.provenance.DigestMemo;
import org.vipboutiques.provenance.FileDigest;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * A job the cache answers itself (a hit), or that waits for an identical job to end first. Its
 * listeners hear the usual sequence: queued, running, the lines (a hit's stored ones, stdout's
 * then stderr's), the final state. When the identical job did not succeed, this one runs on the
 * back end, whose events it passes on.
 */
final class CachedJob extends AbstractJob {

  private static final Logger LOG = LoggerFactory.getLogger(CachedJob.class);

  /** Listeners get lines cut at this length, as from every back end. */
  private static final int MAX_LINE = 16 * 1024;

  private final CachingExecutor owner;
  private final String key;
  private final JobRequest request;
  /** The File inputs' MD5 sums, read with the key: the record of a hit takes them. */
  private final Map<Path, FileDigest> inputDigests;
  private final Instant submittedAt = Instant.now();
  private volatile Job inner;
  private volatile Thread waiter;

  CachedJob(CachingExecutor owner, String key, JobRequest request, Map<Path, FileDigest> inputDigests) {
    super("cache-" + key.substring(0, 12) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()),
        owner.name(), request.workDirectory().orElseThrow(), request.listeners());
    this.owner = owner;
    this.key = key;
    this.request = request;
    this.inputDigests = inputDigests;
    announce();
  }

  /** Waits for the key's lock, then answers from the entry, or runs the job when there is none. */
  void waitTurn() {
    CacheStore.KeyLock lock;
    waiter = Thread.currentThread();
    try {
      lock = owner.store().lock(key);
    } catch (InterruptedException e) {
      finish(ended(JobState.CANCELLED, "cancelled", Optional.empty()));
      return;
    } catch (IOException e) {
      finish(ended(JobState.FAILED, "cache lock failed", Optional.of("result cache: cannot take a lock in "
          + owner.store().cache().folder() + ": " + e + "; make the cache folder writable or run without the cache")));
      return;
    } finally {
      waiter = null;
      Thread.interrupted(); // an interrupt meant for the wait
    }
    Optional<CacheStore.Entry> hit = owner.store().lookup(key);
    if (hit.isPresent()) {
      answer(hit.get(), lock);
    } else {
      run(lock);
    }
  }

  /** A hit: the entry's outputs and logs copied into the job folder. Holds {@code lock} until done. */
  void answer(CacheStore.Entry entry, CacheStore.KeyLock lock) {
    Path folder = workDirectory();
    Path stdout = folder.resolve(JobFolder.STDOUT);
    Path stderr = folder.resolve(JobFolder.STDERR);
    Map<String, List<Path>> outputs;
    Map<Path, FileDigest> sums = new HashMap<>(inputDigests);
    Instant started = Instant.now();
    try {
      if (cancelRequested()) {
        lock.close();
        finish(ended(JobState.CANCELLED, "cancelled", Optional.empty()));
        return;
      }
      transition(JobState.RUNNING, "cached");
      CacheStore.Materialized copied = owner.store().materialize(entry, folder, stdout, stderr);
      outputs = copied.outputs();
      sums.putAll(copied.digests());
      OwnerOnly.write(folder.resolve(JobFolder.DESCRIPTOR), JsonWriter.pretty(2).write(request.descriptor().toJson())
          + "\n");
      OwnerOnly.write(folder.resolve(JobFolder.INVOCATION), JsonWriter.pretty(2).write(request.invocation().toJson())
          + "\n");
      owner.store().touch(key);
    } catch (IOException | RuntimeException e) {
      LOG.warn("the cache entry {} cannot be copied into {} ({}): the job runs", key, folder, e.toString());
      run(lock);
      return;
    }
    lock.close();
    try {
      // A hit has its record too, its inputs hashed as a run's are; it says where its outputs came from.
      // Nothing is read again: the inputs' sums come from the key, the outputs' from the entry.
      ProvenanceRecords.prepare(request, folder, sums);
      provenanceFact("cache-key", key);
      provenanceFact("cache-folder", owner.store().cache().folder().toString());
    } catch (IOException | RuntimeException e) {
      LOG.warn("the provenance record of cache hit {} cannot be prepared: {}", folder, e.toString());
    }
    replay(stdout, LogStream.STDOUT);
    replay(stderr, LogStream.STDERR);
    if (cancelRequested()) {
      finish(ended(JobState.CANCELLED, "cancelled", Optional.empty()));
      return;
    }
    finish(new JobResult(id(), JobState.SUCCEEDED, "cache-hit", Optional.of(0),
        request.descriptor().describeExitCode(0), folder, stdout, stderr, tail(stdout), tail(stderr), outputs,
        entry.missing(), entry.commandLine(), entry.containerCommand(), submittedAt, Optional.of(started),
        Instant.now(), Optional.empty(), true));
  }

  /** A miss after the wait: runs on the back end (its events passed on), stored if it succeeds. */
  private void run(CacheStore.KeyLock lock) {
    if (cancelRequested()) {
      lock.close();
      finish(ended(JobState.CANCELLED, "cancelled", Optional.empty()));
      return;
    }
    Job job;
    try {
      JobRequest attempt = CachingExecutor.withFolder(request, workDirectory(), List.of(new Forward()));
      job = DigestMemo.with(inputDigests, () -> owner.backend().submit(attempt));
    } catch (JobRejectedException | RuntimeException e) {
      lock.close();
      finish(ended(JobState.FAILED, "rejected", Optional.of(String.valueOf(e.getMessage()))));
      return;
    }
    id(job.id());
    inner = job;
    if (cancelRequested()) {
      job.cancel();
    }
    job.result().whenComplete((r, failure) -> {
      OptionalLong stored = OptionalLong.empty();
      try {
        if (r != null) {
          stored = owner.store().store(key, r);
        }
      } finally {
        lock.close();
      }
      if (stored.isPresent()) {
        owner.store().evictIfDue(stored.getAsLong());
      }
      finish(r);
    });
  }

  @Override
  protected boolean requestCancel() {
    Job i = inner;
    if (i != null) {
      return i.cancel();
    }
    Thread w = waiter;
    if (w != null) {
      w.interrupt();
    }
    return true;
  }

  /** An end without a run of the tool (cancelled while waiting, refused). */
  private JobResult ended(JobState state, String backendState, Optional<String> failure) {
    Path folder = workDirectory();
    String commandLine = "";
    try {
      commandLine = Boutiques.builder().workingDirectory(folder).build()
          .simulate(request.descriptor(), request.invocation()).commandLine();
    } catch (Exception e) {
      LOG.debug("no command line for {}: {}", this, e.toString());
    }
    return new JobResult(id(), state, backendState, Optional.empty(), Optional.empty(), folder,
        folder.resolve(JobFolder.STDOUT), folder.resolve(JobFolder.STDERR), "", "", Map.of(), List.of(), commandLine,
        Optional.empty(), submittedAt, Optional.empty(), Instant.now(), failure);
  }

  /** Tells the listeners a stored log's lines, each cut at {@value #MAX_LINE} characters, read as a stream. */
  private void replay(Path log, LogStream stream) {
    try (Reader in = new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
      StringBuilder line = new StringBuilder();
      boolean any = false;
      for (int c; (c = in.read()) >= 0; ) {
        any = true;
        if (c == '\n') {
          line(stream, line.toString());
          line.setLength(0);
          any = false;
        } else if (line.length() < MAX_LINE) {
          line.append((char) c);
        }
      }
      if (any) {
        line(stream, line.toString());
      }
    } catch (IOException e) {
      LOG.debug("cannot replay {}: {}", log, e.toString());
    }
  }

  /** The end of a log, as a run's result holds it. */
  private static String tail(Path log) {
    try (SeekableByteChannel ch = Files.newByteChannel(log)) {
      long size = ch.size();
      int n = (int) Math.min(size, LogCapture.DEFAULT_TAIL);
      ch.position(size - n);
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // read it all
      }
      byte[] bytes = b.array();
      int start = 0;
      while (size > n && start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
        start++; // not in the middle of a character
      }
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Passes the back end's job's events on as this job's; the end comes with its result. */
  private final class Forward implements JobListener {
    @Override
    public void stateChanged(Job job, JobStatus status) {
      if (!status.state().isFinal()) {
        transition(status.state(), status.backendState());
      }
    }

    @Override
    public void logLine(Job job, LogStream stream, String line) {
      line(stream, line);
    }
  }
}
