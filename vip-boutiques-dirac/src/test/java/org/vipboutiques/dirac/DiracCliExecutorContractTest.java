package org.vipboutiques.dirac;

import java.util.Map;
import org.vipboutiques.dirac.testgrid.TestGrid;

/** The executor contract through the DIRAC command line (the test grid's {@code dirac-wms-*} commands). */
class DiracCliExecutorContractTest extends DiracExecutorContractTest {

  @Override
  Map<String, String> settings(TestGrid started) {
    return Tools.cli(started.envScript());
  }
}
