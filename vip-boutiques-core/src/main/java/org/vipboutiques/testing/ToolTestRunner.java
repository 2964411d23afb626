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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.ComparisonFormat;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.DescriptorTest;
import org.vipboutiques.descriptor.LogAssertion;
import org.vipboutiques.descriptor.OutputAssertion;
import org.vipboutiques.descriptor.ReferenceComparison;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.testing.tolerance.ComparisonException;
import org.vipboutiques.testing.tolerance.ComparisonLimits;
import org.vipboutiques.testing.tolerance.ImageComparison;
import org.vipboutiques.testing.tolerance.ImageErrors;
import org.vipboutiques.testing.tolerance.LogSearch;
import org.vipboutiques.testing.tolerance.TableComparison;

/**
 * Runs the {@code tests} a descriptor ships, as {@code bosh test} does: each test's invocation
 * is launched, then its assertions are checked: the exit code, that each listed output exists,
 * and its MD5 when a reference is given. The project's {@code vip:} assertions are checked too
 * ({@link org.vipboutiques.descriptor.TestConventions}): outputs within tolerance of reference
 * files (found in {@link #referenceDirectory}), and patterns in the tool's stdout and stderr.
 * Tests run concurrently on the executor.
 */
public final class ToolTestRunner {

  private final Boutiques boutiques;
  private final JobExecutor executor;
  private final UnaryOperator<JobRequest.Builder> requests;
  private final Path referenceDirectory;
  private final ComparisonLimits limits;

  /**
   * @param requests adjusts each job request (input directory, timeout, options) before submission
   */
  public ToolTestRunner(Boutiques boutiques, JobExecutor executor, UnaryOperator<JobRequest.Builder> requests) {
    this(boutiques, executor, requests, Path.of("").toAbsolutePath(), ComparisonLimits.DEFAULT);
  }

  private ToolTestRunner(Boutiques boutiques, JobExecutor executor, UnaryOperator<JobRequest.Builder> requests,
      Path referenceDirectory, ComparisonLimits limits) {
    this.boutiques = Objects.requireNonNull(boutiques, "boutiques");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.referenceDirectory = Objects.requireNonNull(referenceDirectory, "referenceDirectory");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * A runner that finds the reference files and masks of {@code vip:reference} assertions in
   * {@code folder} (usually the descriptor's folder; by default the current directory).
   */
  public ToolTestRunner referenceDirectory(Path folder) {
    return new ToolTestRunner(boutiques, executor, requests, folder.toAbsolutePath(), limits);
  }

  /** A runner that reads images, tables and logs within these limits (default {@link ComparisonLimits#DEFAULT}). */
  public ToolTestRunner limits(ComparisonLimits comparisonLimits) {
    return new ToolTestRunner(boutiques, executor, requests, referenceDirectory, comparisonLimits);
  }

  /** Where reference files are found. */
  public Path referenceDirectory() {
    return referenceDirectory;
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

  private ToolTestOutcome check(DescriptorTest test, JobResult result) {
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
      a.reference().ifPresent(c -> problems.addAll(compare(a.id(), file.get(), c)));
    }
    for (LogAssertion l : test.logAssertions()) {
      check(l, result).ifPresent(problems::add);
    }
    return new ToolTestOutcome(test.name(), problems, Optional.of(result));
  }

  /** The problems of one output against its reference: each names the file, the metric, the value and the bound. */
  private List<String> compare(String id, Path file, ReferenceComparison c) {
    Path reference = referenceDirectory.resolve(c.file());
    String what = "output \"" + id + "\" (" + file + ")";
    List<String> problems = new ArrayList<>();
    try {
      inFolder(referenceDirectory, reference);
      if (c.mask().isPresent()) {
        inFolder(referenceDirectory, referenceDirectory.resolve(c.mask().get()));
      }
      if (c.format() == ComparisonFormat.TABLE) {
        for (String p : TableComparison.compare(file, reference, c.relativeTolerance().orElse(0.0),
            c.absoluteTolerance().orElse(0.0), limits)) {
          problems.add(what + " differs from the reference " + reference + ": " + p);
        }
        return problems;
      }
      ImageErrors e = ImageComparison.compare(file, reference, c.mask().map(referenceDirectory::resolve), limits);
      String against = " against the reference " + reference + c.mask().map(m -> " in the mask " + m).orElse("")
          + " (" + e + ")";
      bound(what, "RMSE", e.rmse(), "max-rmse", c.maxRmse(), against, problems);
      bound(what, "NMSE", e.nmse(), "max-nmse", c.maxNmse(), against, problems);
      bound(what, "max abs difference", e.maxAbs(), "max-abs", c.maxAbs(), against, problems);
    } catch (ComparisonException e) {
      problems.add(what + " cannot be compared with its reference: " + e.getMessage());
    }
    return problems;
  }

  /**
   * A reference file is read only when its real path, links followed, is under the reference
   * directory: a link placed beside the descriptor cannot have a test read another file.
   */
  static void inFolder(Path referenceDirectory, Path reference) throws ComparisonException {
    if (!java.nio.file.Files.exists(reference)) {
      return; // The comparison says "no such file".
    }
    try {
      Path real = reference.toRealPath();
      Path folder = referenceDirectory.toRealPath();
      if (!real.startsWith(folder)) {
        throw new ComparisonException(reference + " leads to " + real + ", outside the reference folder " + folder
            + "; a reference file must be under the descriptor's folder, not a link out of it");
      }
    } catch (java.io.IOException e) {
      throw new ComparisonException(reference + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static void bound(String what, String metric, double value, String key, Optional<Double> bound,
      String against, List<String> problems) {
    // Written so that NaN fails.
    if (bound.isPresent() && !(value <= bound.get())) {
      problems.add(what + ": " + metric + " " + String.format(Locale.ROOT, "%.4g", value) + " above " + key + " "
          + bound.get() + against);
    }
  }

  private Optional<String> check(LogAssertion l, JobResult result) {
    boolean stdout = l.stream() == LogAssertion.Stream.STDOUT;
    Path log = stdout ? result.stdoutFile() : result.stderrFile();
    String what = l.stream().json();
    try {
      String text = Files.isRegularFile(log) ? LogSearch.read(log, what, limits)
          : stdout ? result.stdoutTail() : result.stderrTail();
      boolean found = LogSearch.find(l.pattern(), text, what);
      if (found == l.expected()) {
        return Optional.empty();
      }
      if (l.expected()) {
        return Optional.of(what + " does not match \"" + l.pattern().pattern() + "\" (" + l.key() + "); it ends: "
            + ending(text));
      }
      var m = l.pattern().matcher(text);
      String line = m.find() ? lineAround(text, m.start()) : "";
      return Optional.of(what + " matches \"" + l.pattern().pattern() + "\" (" + l.key() + "): \"" + line + "\"");
    } catch (ComparisonException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String ending(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "(nothing printed)";
    }
    return "\"" + (t.length() > 300 ? "..." + t.substring(t.length() - 300) : t).replace("\n", "\\n") + "\"";
  }

  private static String lineAround(String text, int at) {
    int s = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    int e = text.indexOf('\n', at);
    String line = text.substring(at < s ? at : s, e < 0 ? text.length() : e);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
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
