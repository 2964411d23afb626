package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.testgrid.GridJob;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobRequest;

/**
 * docs/dirac.md's example on vip-boutiques-dirac's test grid (DiracX's API, DIRAC's job states, a
 * worker that runs each job's wrapper here), with the documented configuration pointed at the grid.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DiracExampleTest {

  @TempDir
  Path tmp;

  TestGrid grid;

  @BeforeEach
  void startGrid() throws Exception {
    grid = TestGrid.start(tmp.resolve("grid"));
  }

  @AfterEach
  void stopGrid() {
    grid.close();
  }

  @Test
  void theDiracExampleRunsItsJobsOnTheTestGridWithTheDocumentedSettings() throws Exception {
    Map<String, String> onTheGrid = new HashMap<>();
    onTheGrid.put("url", grid.url());
    onTheGrid.put("token-file", grid.credentials(tmp.resolve("credentials.json")).toString());
    onTheGrid.put("output-se", TestGrid.SE_NAME);
    onTheGrid.put("container", "none");          // the grid's worker has no Docker: the tool runs in sh
    onTheGrid.put("poll-interval", "100ms");
    ExecutorConfig config = Configs.pointedAt(DiracExample.config(), tmp.resolve("jobs"), onTheGrid);
    Boutiques boutiques = Boutiques.create();
    Descriptor tool = boutiques.load(Path.of("tool.json"));
    List<JobRequest> requests = new ArrayList<>();
    for (String mask : List.of("brain1", "brain2")) {
      requests.add(JobRequest.builder(tool, boutiques.invocation(tool, Map.of("infile", "t1.nii.gz",
          "maskfile", mask, "fractional_intensity", 0.4))).build());
    }

    String out = Printed.by(() -> DiracExample.run(config, requests));

    List<String> lines = out.lines().toList();
    assertEquals(2, lines.size(), out);
    for (int i = 0; i < 2; i++) {
      String mask = "brain" + (i + 1);
      assertTrue(lines.get(i).startsWith("SUCCEEDED {outfile=["), out);
      Path brain = Path.of(lines.get(i).substring("SUCCEEDED {outfile=[".length(), lines.get(i).length() - 2));
      assertTrue(brain.startsWith(tmp.resolve("jobs")) && brain.endsWith(mask + ".nii.gz"), out);
      assertEquals("bet t1.nii.gz " + mask + " -f 0.4\n", Files.readString(brain), "unpacked in the job folder");
    }
    try (Stream<Path> files = Files.walk(grid.se().resolve("biomed/user/j/jdoe/study1"))) {
      assertEquals(List.of("brain1.nii.gz", "brain2.nii.gz"), files.filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString()).sorted().toList(), "also on the SE under output-path");
    }
    List<GridJob> ours = grid.jobs().stream()
        .filter(j -> j.jdl().string("JobName").orElse("").startsWith("vipb_")).toList();
    assertEquals(2, ours.size(), grid.jobs().toString());
    for (GridJob j : ours) {
      assertEquals("study1", j.jdl().string("JobGroup").orElseThrow(), "the documented job group");
    }
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
  }
}
