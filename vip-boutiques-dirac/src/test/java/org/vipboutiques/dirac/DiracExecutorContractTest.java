package org.vipboutiques.dirac;

import java.nio.file.Path;
import java.util.Map;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorContract;
import org.vipboutiques.execution.Executors;

/**
 * The executor contract, on the test grid through DiracX (the logs come back in the output
 * sandbox); {@link DiracCliExecutorContractTest} runs it through the DIRAC command line.
 */
class DiracExecutorContractTest extends ExecutorContract {

  TestGrid grid;

  @Override
  protected Executor create(Path jobs) throws Exception {
    grid = TestGrid.start(base.resolve("grid"), TestGrid.options());
    return Executors.create(Tools.config(jobs, settings(grid)));
  }

  /** The settings of the transport under test. */
  Map<String, String> settings(TestGrid started) throws Exception {
    return Tools.diracx(started.url(), started.credentials(base.resolve("credentials.json")));
  }

  @Override
  protected void release() {
    if (grid != null) {
      grid.close();
    }
  }
}
