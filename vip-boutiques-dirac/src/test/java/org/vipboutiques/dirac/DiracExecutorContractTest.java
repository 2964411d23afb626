package org.vipboutiques.dirac;

import java.nio.file.Path;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorContract;
import org.vipboutiques.execution.Executors;

/** The executor contract, on the test grid through DiracX (the logs come back in the output sandbox). */
class DiracExecutorContractTest extends ExecutorContract {

  private TestGrid grid;

  @Override
  protected Executor create(Path jobs) throws Exception {
    grid = TestGrid.start(base.resolve("grid"), TestGrid.options());
    return Executors.create(Tools.config(jobs, Tools.diracx(grid.url(), grid.credentials(base.resolve(
        "credentials.json")))));
  }

  @Override
  protected void release() {
    if (grid != null) {
      grid.close();
    }
  }
}
