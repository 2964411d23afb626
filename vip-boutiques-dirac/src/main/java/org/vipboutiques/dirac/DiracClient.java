package org.vipboutiques.dirac;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.cli.CliTransport;
import org.vipboutiques.dirac.diracx.Credentials;
import org.vipboutiques.dirac.diracx.DeviceCode;
import org.vipboutiques.dirac.diracx.DiracxTransport;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlWriter;
import org.vipboutiques.dirac.store.DiracJobRecord;
import org.vipboutiques.dirac.store.DiracJobStore;
import org.vipboutiques.dirac.transport.DiracTransport;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.dirac.wrapper.ContentHashes;
import org.vipboutiques.dirac.wrapper.GridJobPlanner;
import org.vipboutiques.dirac.wrapper.LfnInput;
import org.vipboutiques.dirac.wrapper.SandboxArchive;
import org.vipboutiques.dirac.wrapper.WrapperScript;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;

/**
 * The small facade the command line uses for {@code vip-boutiques dirac jdl|login|status|kill|output}:
 * the JDL an invocation would be submitted with (nothing submitted), the DiracX device-flow
 * login, and status, kill, delete and output retrieval of jobs already submitted, through the
 * transport the settings choose.
 */
public final class DiracClient implements AutoCloseable {

  private final DiracSettings settings;
  private final DiracTransport transport;
  private final Path baseDirectory;

  private DiracClient(DiracSettings settings, DiracTransport transport, Path baseDirectory) {
    this.settings = settings;
    this.transport = transport;
    this.baseDirectory = baseDirectory;
  }

  /**
   * A client for these settings (the executor's: {@code transport}, {@code url},
   * {@code token-file}, {@code dirac-env-script}, ...).
   *
   * @param baseDirectory where the executor keeps its jobs (the job store lives there unless
   *     {@code store} says otherwise)
   * @throws IllegalArgumentException when a setting is malformed (the message names it)
   */
  public static DiracClient open(Map<String, String> settings, Path baseDirectory) {
    DiracSettings s = DiracSettings.of(settings);
    Path base = baseDirectory.toAbsolutePath().normalize();
    DiracTransport t = s.transport().equals("diracx") ? new DiracxTransport(s)
        : new CliTransport(s, base.resolve(".dirac-submit"));
    return new DiracClient(s, t, base);
  }

  /**
   * The JDL an invocation would be submitted with, without submitting anything. Its
   * {@code InputSandbox} is the command-line transport's (local file names); DiracX's holds the
   * uploaded sandbox's {@code SB:} pfn instead.
   */
  public static String jdl(Descriptor descriptor, Invocation invocation, Map<String, String> settings)
      throws JobRejectedException {
    return jdl(descriptor, List.of(invocation), settings);
  }

  /**
   * The JDLs many invocations of one descriptor would go out as: parametric JDLs of at most 20
   * jobs (jobs whose JDLs differ beyond their key, e.g. by their InputData, get their own),
   * separated by blank lines.
   */
  public static String jdl(Descriptor descriptor, List<Invocation> invocations, Map<String, String> settings)
      throws JobRejectedException {
    List<Jdl> jdls = jdls(descriptor, invocations, settings);
    StringBuilder sb = new StringBuilder();
    for (Jdl j : GridJobPlanner.bulk(jdls)) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      try {
        sb.append(JdlWriter.write(j));
      } catch (JdlException e) {
        throw new JobRejectedException(e.getMessage(), e);
      }
    }
    return sb.toString();
  }

  /** The plain JDL of each invocation (keys drawn at random, as at submission). */
  public static List<Jdl> jdls(Descriptor descriptor, List<Invocation> invocations, Map<String, String> settings)
      throws JobRejectedException {
    DiracSettings s;
    try {
      s = DiracSettings.of(settings);
    } catch (IllegalArgumentException e) {
      throw new JobRejectedException(e.getMessage(), e);
    }
    Boutiques boutiques = Boutiques.create();
    ContentHashes hashes = new ContentHashes();
    List<Jdl> out = new ArrayList<>(invocations.size());
    int n = 0;
    for (Invocation inv : invocations) {
      GridJobPlanner.Rewritten rw = GridJobPlanner.rewriteFileInputs(JobRequest.builder(descriptor, inv).build(), s,
          hashes);
      try {
        boutiques.simulate(descriptor, rw.request().invocation());
      } catch (InvalidInvocationException e) {
        throw new JobRejectedException("the invocation cannot run: " + e.getMessage(), e);
      }
      List<LfnInput> lfns = rw.lfnInputs();
      String key = "vipb_" + Long.toHexString(System.nanoTime() ^ (long) n++ << 40 | Long.MIN_VALUE);
      try {
        out.add(GridJobPlanner.jdl(key, descriptor, lfns, s).toBuilder()
            .list("InputSandbox", List.of(WrapperScript.NAME, GridJobPlanner.DESCRIPTOR, GridJobPlanner.JOBS_TAR))
            .build());
      } catch (JdlException e) {
        throw new JobRejectedException(e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Logs in to DiracX with the OAuth2 device flow and writes the credentials file.
   *
   * @param prompt shows the user where to go and which code to enter
   */
  public Credentials login(Consumer<DeviceCode> prompt) throws DiracException {
    if (!(transport instanceof DiracxTransport dx)) {
      throw new DiracException("login is for DiracX (transport=diracx with a url); the DIRAC command line uses its"
          + " own proxy (dirac-proxy-init)");
    }
    return dx.http().tokens().login(settings.scope().orElse(""), prompt, settings.loginInterval());
  }

  public List<JobStatusRecord> status(List<Long> jobIds) throws DiracException {
    return transport.status(jobIds);
  }

  public void kill(List<Long> jobIds) throws DiracException {
    transport.kill(jobIds);
  }

  public void delete(List<Long> jobIds) throws DiracException {
    transport.delete(jobIds);
  }

  /**
   * Downloads the output sandbox of each job into {@code folder/<id>/} and unpacks the outputs
   * that came back in it ({@code vipb-outputs.tar}) beside the logs and the wrapper's summary.
   *
   * @return the folders written, one per job that had an output sandbox
   */
  public List<Path> output(List<Long> jobIds, Path folder) throws DiracException {
    List<Path> out = new ArrayList<>();
    for (long id : jobIds) {
      Path dir = folder.toAbsolutePath().resolve(Long.toString(id));
      if (!transport.fetchOutput(id, dir)) {
        continue;
      }
      Path tar = dir.resolve(GridJobPlanner.OUTPUTS_TAR);
      if (Files.isRegularFile(tar)) {
        try (InputStream in = Files.newInputStream(tar)) {
          SandboxArchive.extract(in, "tar", dir.resolve("outputs"));
        } catch (IOException e) {
          throw new DiracException("the outputs of job " + id + " are unreadable: " + e.getMessage(), e);
        }
      }
      out.add(dir);
    }
    return out;
  }

  /** The jobs the executor's store remembers (for listings). */
  public List<DiracJobRecord> storedJobs() {
    return DiracJobStore.open(settings.store().orElse(baseDirectory.resolve(".dirac-jobs.jsonl"))).all();
  }

  public DiracSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    transport.close();
  }
}
