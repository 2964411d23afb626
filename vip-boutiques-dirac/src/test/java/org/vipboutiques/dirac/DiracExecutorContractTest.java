package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vipboutiques.dirac.testgrid.Behaviour;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.tck.ExecutorContract;

/**
 * The executor contract, on the test grid through DiracX (the logs come back in the output
 * sandbox); {@link DiracCliExecutorContractTest} runs it through the DIRAC command line. The test
 * grid's worker runs the wrapper with dash and GNU tar, as real worker nodes do (it refuses to
 * start without GNU tar); {@link WorkerShellsTest} runs bash and busybox tar too.
 */
class DiracExecutorContractTest extends ExecutorContract {

  TestGrid grid;

  @Override
  protected JobExecutor create(Path jobs) throws Exception {
    grid = TestGrid.start(base.resolve("grid"), TestGrid.options());
    return JobExecutors.create(Tools.config(jobs, settings(grid)));
  }

  /** The settings of the transport under test. */
  Map<String, String> settings(TestGrid started) throws Exception {
    return Tools.diracx(started.url(), started.credentials(base.resolve("credentials.json")));
  }

  /**
   * Several outputs without a storage element: GNU tar wrote the run folder twice and the second
   * copy as hard links, which came back as empty files (issue 11, item 1).
   */
  @Test
  void severalOutputsComeBackWithTheirContent() throws Exception {
    JobResult r = run(tool("printf 'made by %s' [TEXT] > [OUT]; printf second > second.txt; echo scratch > s.tmp",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"},"
            + " {\"id\": \"second\", \"name\": \"s\", \"path-template\": \"second.txt\"}]"),
        "{\"text\": \"the tool\", \"out\": \"result.txt\"}", null);
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("made by the tool", Files.readString(r.outputFile("result").orElseThrow()));
    assertEquals("second", Files.readString(r.outputFile("second").orElseThrow()));
    assertFalse(Files.exists(r.workDirectory().resolve("s.tmp")), "only the outputs come back");
  }

  @Override
  protected boolean injectsFaults() {
    return true;
  }

  /** The fault: the grid's watchdog finds the job stalled once it runs, and fails it (no output sandbox). */
  @Override
  protected void prepareFault() {
    grid.behaviours(Behaviour.STALL_THEN_FAIL);
  }

  /** Nothing to do once submitted: the grid stalls the job by itself. */
  @Override
  protected void injectFault(Job job) {}

  @Override
  protected void release() {
    if (grid != null) {
      grid.close();
    }
  }
}
