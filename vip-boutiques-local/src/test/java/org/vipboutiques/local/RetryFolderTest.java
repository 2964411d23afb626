package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.retry.RetryPolicy;

/**
 * A retry makes the job folder clean without touching what is not the failed attempt's: the
 * user's files in a folder they named, the File inputs (linked in, or in place), links' targets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetryFolderTest {

  @TempDir
  Path base;

  /** The tool appends to what it finds, so a leftover of the first attempt would show. */
  private static final String TOOL = "cat [IN] >> [OUT]; echo mine >> data/made.txt; echo more >> own.txt;"
      + " ln -s ../outside.txt link.txt; if [ -e .vipb-attempt-1-stdout.log ]; then exit 0; fi; exit 75";

  private Descriptor tool() throws Exception {
    return Fixtures.descriptor(TOOL,
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]", null,
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
  }

  @Test
  void aRetryRemovesTheFailedAttemptsFilesAndKeepsTheUsersAndTheInputs() throws Exception {
    Path folder = Files.createDirectories(base.resolve("mine"));
    Files.createDirectories(folder.resolve("data"));
    Files.writeString(folder.resolve("data/in.txt"), "input\n");
    Files.writeString(folder.resolve("own.txt"), "the user's\n");
    Path outside = Files.writeString(base.resolve("outside.txt"), "not the job's\n");
    Descriptor d = tool();
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .build())) {
      JobResult r = local.submit(org.vipboutiques.execution.JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          Fixtures.json("{\"in\": \"data/in.txt\", \"out\": \"result.txt\"}"))).workDirectory(folder)
          .inputDirectory(folder).retryPolicy(RetryPolicy.attempts(2).withBackoff(Duration.ZERO, Duration.ZERO, 1)
              .withRetryableExitCodes(75)).build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r + " " + r.attempts());
      assertEquals(2, r.attempts().size());
      assertEquals("input\n", Files.readString(r.outputFile("result").orElseThrow()), "the output, made once");
      assertEquals("mine\n", Files.readString(folder.resolve("data/made.txt")));
      assertEquals("input\n", Files.readString(folder.resolve("data/in.txt")), "the input, in place, kept");
      assertTrue(Files.isSymbolicLink(folder.resolve("link.txt")));
      assertEquals("not the job's\n", Files.readString(outside), "a link's target is never touched");
      // The user's own file was there before the job: it stays (the tool appended to it twice).
      assertEquals("the user's\nmore\nmore\n", Files.readString(folder.resolve("own.txt")));
      assertTrue(Files.exists(folder.resolve(".vipb-attempt-1-stdout.log")), "the failed attempt's log, kept aside");
    }
  }

  @Test
  void aRetryKeepsTheLinksOfRelativeInputs() throws Exception {
    Path inputs = Files.createDirectories(base.resolve("inputs/data"));
    Files.writeString(inputs.resolve("in.txt"), "linked\n");
    Descriptor d = tool();
    try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve("jobs"))
        .setting("retries", "1").setting("retry-backoff", "0").setting("retry-exit-codes", "75").build())) {
      JobResult r = local.submit(org.vipboutiques.execution.JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
          Fixtures.json("{\"in\": \"data/in.txt\", \"out\": \"result.txt\"}"))).inputDirectory(base.resolve("inputs"))
          .build()).await();
      assertEquals(JobState.SUCCEEDED, r.state(), r + " " + r.attempts());
      assertEquals(2, r.attempts().size(), "the executor's settings retried it");
      Path folder = r.workDirectory();
      assertTrue(Files.isSymbolicLink(folder.resolve("data/in.txt")), "the input's link, kept");
      assertEquals("linked\n", Files.readString(r.outputFile("result").orElseThrow()));
      assertEquals("mine\n", Files.readString(folder.resolve("data/made.txt")), "made once beside the input");
      assertEquals("more\n", Files.readString(folder.resolve("own.txt")));
      assertFalse(Files.exists(folder.resolve(".vipb-attempt-2-stdout.log")), "the last attempt's log is the log");
      assertEquals("", r.stdoutTail());
    }
  }
}
