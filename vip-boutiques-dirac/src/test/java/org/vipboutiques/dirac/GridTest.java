package org.vipboutiques.dirac;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.dirac.testgrid.TestGrid;

/**
 * A test grid started before each test in a fresh folder, with the executor settings that reach it
 * (DiracX transport unless a subclass says otherwise), and closed after the test.
 */
abstract class GridTest {

  @TempDir
  Path tmp;

  TestGrid grid;
  Map<String, String> settings;

  /** The grid's options. */
  TestGrid.Options options() {
    return TestGrid.options();
  }

  /** The executor settings for the started grid. */
  Map<String, String> settings(TestGrid started) throws Exception {
    return Tools.diracx(started.url(), started.credentials(tmp.resolve("credentials.json")));
  }

  @BeforeEach
  final void startGrid() throws Exception {
    grid = TestGrid.start(tmp.resolve("grid"), options());
    settings = settings(grid);
  }

  @AfterEach
  final void stopGrid() {
    grid.close();
  }
}
