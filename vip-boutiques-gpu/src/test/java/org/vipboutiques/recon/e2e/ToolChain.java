package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/**
 * Runs the project's vip-recon descriptors through vip-boutiques' local executor, one step after another
 * in one data folder, so that each step's output file is the next step's input, passed as a relative
 * path, as a user would. A test class registers one as a static extension; it lives for the class.
 */
final class ToolChain implements BeforeAllCallback, AfterAllCallback {
  private static final Boutiques BOUTIQUES = Boutiques.create();
  private Path work;
  private Path data;
  private String path;
  private JobExecutor executor;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    work = Files.createTempDirectory("vip-recon-chain");
    path = VipReconOnPath.install(work);
    data = Files.createDirectories(work.resolve("data"));
    executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(work.resolve("jobs")).build());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    executor.close();
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The PATH value that finds this build's vip-recon first. */
  String path() {
    return path;
  }

  /** Runs descriptors/vip-recon-TOOL.json with the invocation; the job must succeed. */
  JobResult step(String tool, String invocation) throws Exception {
    Descriptor d = BOUTIQUES.load(Repository.root().resolve("descriptors/vip-recon-" + tool + ".json"));
    JobResult r = executor.submit(JobRequest.builder(d, BOUTIQUES.invocation(d,
        BOUTIQUES.parser().parseObject(invocation, tool))).workDirectory(data).environment("PATH", path).build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), tool + ": " + r.failure().orElse("") + "\n" + r.stderrTail());
    return r;
  }
}
