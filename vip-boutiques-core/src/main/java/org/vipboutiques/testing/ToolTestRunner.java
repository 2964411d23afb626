package org.vipboutiques.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.DescriptorTest;
import org.vipboutiques.descriptor.OutputAssertion;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;

/**
 * Runs the {@code tests} a descriptor ships, as {@code bosh test} does: each test's invocation
 * is launched, then its assertions are checked: the exit code, that each listed output exists,
 * and its MD5 when a reference is given. Tests run concurrently on the executor.
 */
public final class ToolTestRunner {

  private final Boutiques boutiques;
  private final JobExecutor executor;
  private final UnaryOperator<JobRequest.Builder> requests;

  /**
   * @param requests adjusts each job request (input directory, timeout, options) before submission
   */
  public ToolTestRunner(Boutiques boutiques, JobExecutor executor, UnaryOperator<JobRequest.Builder> requests) {
    this.boutiques = Objects.requireNonNull(boutiques, "boutiques");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** Runs every test of the descriptor; outcomes in the descriptor's order. */
  public List<ToolTestOutcome> runAll(Descriptor descriptor) throws InterruptedException {
    List<Object> started = new ArrayList<>();
    for (DescriptorTest test : descriptor.tests()) {
      started.add(start(descriptor, test));
    }
    List<ToolTestOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      Object s = started.get(i);
      outcomes.add(s instanceof Job job ? check(descriptor.tests().get(i), job.await()) : (ToolTestOutcome) s);
    }
    return outcomes;
  }

  /** Runs one test. */
  public ToolTestOutcome run(Descriptor descriptor, DescriptorTest test) throws InterruptedException {
    Object s = start(descriptor, test);
    return s instanceof Job job ? check(test, job.await()) : (ToolTestOutcome) s;
  }

  /** A running job, or the outcome of a test that could not start. */
  private Object start(Descriptor descriptor, DescriptorTest test) {
    Invocation invocation;
    try {
      invocation = boutiques.invocation(descriptor, test.invocation());
    } catch (InvalidInvocationException e) {
      return new ToolTestOutcome(test.name(), List.of("its invocation is invalid: " + e.getMessage()), Optional.empty());
    }
    try {
      return executor.submit(requests.apply(JobRequest.builder(descriptor, invocation).name(test.name())).build());
    } catch (JobRejectedException e) {
      return new ToolTestOutcome(test.name(), List.of("it cannot run: " + e.getMessage()), Optional.empty());
    }
  }

  private static ToolTestOutcome check(DescriptorTest test, JobResult result) {
    List<String> problems = new ArrayList<>();
    result.failure().filter(f -> result.exitCode().isEmpty()).ifPresent(f -> problems.add("the run failed: " + f));
    test.exitCode().ifPresent(expected -> {
      if (result.exitCode().isPresent() && result.exitCode().get() != expected.longValue()) {
        problems.add("exit code " + result.exitCode().get() + ", expected " + expected
            + result.exitCodeDescription().map(d -> " (" + d + ")").orElse(""));
      }
    });
    for (OutputAssertion a : test.outputFiles()) {
      Optional<Path> file = result.outputFile(a.id());
      if (file.isEmpty()) {
        problems.add("output \"" + a.id() + "\" was not produced");
        continue;
      }
      if (a.md5Reference().isPresent()) {
        String md5 = md5(file.get());
        if (!md5.equalsIgnoreCase(a.md5Reference().get())) {
          problems.add("output \"" + a.id() + "\" has MD5 " + md5 + ", expected " + a.md5Reference().get());
        }
      }
    }
    return new ToolTestOutcome(test.name(), problems, Optional.of(result));
  }

  static String md5(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
