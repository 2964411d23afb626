package org.vipboutiques.dirac.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.DiracSettings;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlWriter;
import org.vipboutiques.dirac.transport.DiracTransport;
import org.vipboutiques.dirac.transport.GridSubmission;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.dirac.transport.SubmitResult;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.execution.job.DaemonThreads;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * The DIRAC command-line transport: {@code dirac-wms-job-submit}, {@code -status},
 * {@code -get-output}, {@code -kill} and {@code -delete}, optionally after sourcing a DIRAC
 * environment script. Each call submits one JDL file (a parametric one for up to 20 jobs of one
 * descriptor), so the ids it prints belong to that file: ids are never assigned by position
 * across a batch of files, where one refused file would shift every later id. Submissions run a
 * few at a time in parallel.
 */
public final class CliTransport implements DiracTransport {

  private static final Logger LOG = LoggerFactory.getLogger(CliTransport.class);
  private static final int IDS_PER_CALL = 200;

  private final DiracCommands commands;
  private final Path workRoot;
  private final ExecutorService pool;

  /**
   * @param workRoot where submission folders (JDL files and the sandbox's local files) are written
   */
  public CliTransport(DiracSettings settings, Path workRoot) {
    this.commands = new DiracCommands(settings.diracEnvScript(), settings.httpTimeout().multipliedBy(5));
    this.workRoot = workRoot;
    int parallel = settings.cliParallel();
    this.pool = java.util.concurrent.Executors.newFixedThreadPool(parallel, DaemonThreads.named("vipb-dirac-cli"));
  }

  @Override
  public String name() {
    return "cli";
  }

  @Override
  public SubmitResult submit(GridSubmission submission) throws DiracException {
    Path dir = workRoot.resolve("submit-" + Long.toHexString(System.currentTimeMillis()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff));
    List<String> sandboxNames = new ArrayList<>(submission.sandbox().files().keySet());
    try {
      OwnerOnly.createFolders(dir);
      for (Map.Entry<String, byte[]> f : submission.sandbox().files().entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.write(p, f.getValue());
        if (f.getKey().endsWith(".sh")) {
          p.toFile().setExecutable(true, true);
        }
      }
    } catch (IOException e) {
      throw new DiracException("cannot write the submission folder " + dir + ": " + e.getMessage(), e);
    }
    // Local InputSandbox files, named relative to the folder the command runs in.
    List<Jdl> jdls = new ArrayList<>();
    for (GridSubmission.Entry e : submission.jobs()) {
      jdls.add(e.jdl().toBuilder().list("InputSandbox", sandboxNames).build());
    }
    List<Jdl> bulk = GridJobPlanner.bulk(jdls);
    List<Future<SubmitResult>> futures = new ArrayList<>();
    for (int i = 0; i < bulk.size(); i++) {
      Jdl jdl = bulk.get(i);
      Path file = dir.resolve("job-" + i + ".jdl");
      try {
        Files.writeString(file, JdlWriter.write(jdl), StandardCharsets.UTF_8);
      } catch (JdlException | IOException e) {
        throw new DiracException("cannot write " + file + ": " + e.getMessage(), e);
      }
      futures.add(pool.submit(() -> submitOne(dir, file, jdl)));
    }
    Map<String, Long> submitted = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (Future<SubmitResult> f : futures) {
      try {
        SubmitResult r = f.get();
        submitted.putAll(r.submitted());
        refused.putAll(r.refused());
        unknown.addAll(r.unknown());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiracException("interrupted while submitting", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof DiracException d ? d
            : new DiracException("submission failed: " + e.getCause(), e.getCause());
      }
    }
    return new SubmitResult(submitted, refused, unknown);
  }

  private SubmitResult submitOne(Path dir, Path file, Jdl jdl) throws DiracException {
    List<String> keys = jdl.list("Parameters").isEmpty() ? List.of(jdl.string("JobName").orElseThrow())
        : jdl.list("Parameters");
    DiracCommands.Result r;
    try {
      r = commands.run(dir, "dirac-wms-job-submit", List.of(file.getFileName().toString()));
    } catch (DiracException e) {
      if (e.ambiguous()) {
        LOG.warn("dirac-wms-job-submit {}: {}", file, e.getMessage());
        return new SubmitResult(Map.of(), Map.of(), new LinkedHashSet<>(keys));
      }
      throw e;
    }
    List<String> lines = r.lines();
    Map<String, String> errors = CliOutput.submitErrors(lines);
    List<List<Long>> ids = CliOutput.submittedIds(lines);
    if (!errors.isEmpty() && ids.isEmpty()) {
      Map<String, String> refused = new LinkedHashMap<>();
      String why = "DIRAC refused " + file.getFileName() + ": " + String.join("; ", errors.values());
      keys.forEach(k -> refused.put(k, why));
      return new SubmitResult(Map.of(), refused, Set.of());
    }
    if (ids.size() == 1 && ids.get(0).size() == keys.size()) {
      // One file per call: these ids are this file's, in the order of its parameters.
      Map<String, Long> submitted = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        submitted.put(keys.get(i), ids.get(0).get(i));
      }
      return new SubmitResult(submitted, Map.of(), Set.of());
    }
    LOG.warn("dirac-wms-job-submit {} printed what cannot be matched to its {} jobs (exit {}): {}", file, keys.size(),
        r.exitCode(), (r.stdout() + r.stderr()).strip());
    return new SubmitResult(Map.of(), Map.of(), new LinkedHashSet<>(keys));
  }

  @Override
  public List<JobStatusRecord> status(Collection<Long> jobIds) throws DiracException {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(jobIds));
    List<JobStatusRecord> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i += IDS_PER_CALL) {
      statusOf(ids.subList(i, Math.min(ids.size(), i + IDS_PER_CALL)), out);
    }
    return out;
  }

  private void statusOf(List<Long> ids, List<JobStatusRecord> out) throws DiracException {
    DiracCommands.Result r = commands.run(workRoot(), "dirac-wms-job-status", ids.stream().map(String::valueOf).toList());
    List<JobStatusRecord> found = CliOutput.statuses(r.lines());
    if (r.exitCode() != 0 && found.isEmpty()) {
      if (ids.size() == 1) {
        return; // unknown to DIRAC: absent from the answer
      }
      // One bad id fails the whole call: halve to find it.
      statusOf(ids.subList(0, ids.size() / 2), out);
      statusOf(ids.subList(ids.size() / 2, ids.size()), out);
      return;
    }
    out.addAll(found);
  }

  @Override
  public Map<String, Long> findByName(Collection<String> keys) {
    return Map.of();
  }

  @Override
  public boolean canSearchByName() {
    return false;
  }

  @Override
  public void kill(Collection<Long> jobIds) throws DiracException {
    each("dirac-wms-job-kill", jobIds);
  }

  @Override
  public void delete(Collection<Long> jobIds) throws DiracException {
    each("dirac-wms-job-delete", jobIds);
  }

  private void each(String command, Collection<Long> jobIds) throws DiracException {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(jobIds));
    for (int i = 0; i < ids.size(); i += IDS_PER_CALL) {
      List<Long> part = ids.subList(i, Math.min(ids.size(), i + IDS_PER_CALL));
      DiracCommands.Result r = commands.run(workRoot(), command, part.stream().map(String::valueOf).toList());
      if (r.exitCode() != 0 || CliOutput.firstError(r.lines()).isPresent()) {
        throw new DiracException(command + " " + part + " failed (exit " + r.exitCode() + "): "
            + CliOutput.firstError(r.lines()).orElse((r.stdout() + r.stderr()).strip()));
      }
    }
  }

  @Override
  public boolean fetchOutput(long jobId, Path folder) throws DiracException {
    Path tmp = folder.toAbsolutePath().getParent().resolve(".vipb-get-output-" + jobId);
    try {
      deleteTree(tmp);
      OwnerOnly.createFolders(tmp);
      DiracCommands.Result r = commands.run(tmp, "dirac-wms-job-get-output",
          List.of("-D", tmp.toString(), Long.toString(jobId)));
      Path got = tmp.resolve(Long.toString(jobId));
      if (r.exitCode() != 0 || CliOutput.retrievedIn(r.lines()).isEmpty() || !Files.isDirectory(got)) {
        String error = CliOutput.firstError(r.lines()).orElse((r.stdout() + r.stderr()).strip());
        if (error.toLowerCase(java.util.Locale.ROOT).contains("no output sandbox")
            || error.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
          return false;
        }
        throw new DiracException("dirac-wms-job-get-output " + jobId + " failed (exit " + r.exitCode() + "): " + error,
            true, false, 0, null);
      }
      OwnerOnly.createFolders(folder);
      try (Stream<Path> files = Files.list(got)) {
        for (Path f : files.toList()) {
          if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("job {}: skipped {} in the output sandbox: not a regular file", jobId, f.getFileName());
            continue;
          }
          Files.move(f, folder.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return true;
    } catch (IOException e) {
      throw new DiracException("cannot collect the output sandbox of job " + jobId + ": " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException e) {
        // a leftover temporary folder
      }
    }
  }

  private Path workRoot() {
    try {
      OwnerOnly.createFolders(workRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return workRoot;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
