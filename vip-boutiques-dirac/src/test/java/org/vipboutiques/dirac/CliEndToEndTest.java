package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.testgrid.GridJob;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/** The same tools through DIRAC's command line (fake dirac-wms-* printing the documented formats). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CliEndToEndTest extends GridTest {

  @Override
  Map<String, String> settings(TestGrid started) {
    return Tools.cli(started.envScript());
  }

  @Test
  void toolsRunThroughTheCommandLineAndOutputsComeBack() throws Exception {
    Files.createDirectories(grid.se().resolve("biomed/data"));
    Files.writeString(grid.se().resolve("biomed/data/in.txt"), "from the SE\n");
    Descriptor d = Tools.echoTool();
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      requests.add(Tools.request(d, "{\"text\": \"cli" + i + "\", \"out\": \"o.txt\"}"));
    }
    try (JobExecutor ex = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      List<Job> jobs = new ArrayList<>(ex.submitAll(requests));
      jobs.add(ex.submit(Tools.request(Tools.catTool(),
          "{\"in\": \"lfn:/biomed/data/in.txt\", \"text\": \"x\", \"out\": \"c.txt\"}")));
      Path local = Files.writeString(tmp.resolve("local.txt"), "from the client\n");
      Job shipped = ex.submit(JobRequest.builder(Tools.catTool(), Tools.invocation(Tools.catTool(),
          "{\"in\": \"" + local + "\", \"text\": \"x\", \"out\": \"l.txt\"}")).build());
      for (int i = 0; i < 23; i++) {
        JobResult r = jobs.get(i).await();
        assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
        assertEquals("cli" + i + "\n", Files.readString(r.outputFile("result").orElseThrow()));
      }
      JobResult cat = jobs.get(23).await();
      assertEquals(JobState.SUCCEEDED, cat.state(), cat.toString());
      assertEquals("from the SE\n", Files.readString(cat.outputFile("result").orElseThrow()));
      JobResult l = shipped.await();
      assertEquals(JobState.SUCCEEDED, l.state(), l.toString());
      assertEquals("from the client\n", Files.readString(l.outputFile("result").orElseThrow()),
          "a local input travels in the CLI transport's sandbox too");
    }
    // 23 jobs of one descriptor: one parametric JDL of 20 and one of 3, expanded by "DIRAC".
    List<GridJob> created = grid.jobs();
    assertEquals(25, created.size());
    assertEquals(23, created.stream().filter(j -> j.jdl().has("ParameterNumber")).count());
    assertEquals(19L, created.stream().mapToLong(j -> j.jdl().integer("ParameterNumber").orElse(0L)).max()
        .orElseThrow(), "parameter numbers 0..19: at most 20 per JDL");
    assertTrue(grid.duplicates().isEmpty());
    assertTrue(grid.violations().isEmpty(), grid.violations().toString());
  }

  @Test
  void aRefusedJdlFailsItsJobsOnlyAndIdsStayWithTheirJobs() throws Exception {
    Descriptor d = Tools.echoTool();
    Descriptor other = Tools.catTool();
    Files.createDirectories(grid.se().resolve("biomed"));
    Files.writeString(grid.se().resolve("biomed/a.txt"), "A\n");
    grid.refuseCliSubmissions(1);
    settings.put("cli-parallel", "1");
    try (JobExecutor ex = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      List<Job> refused = ex.submitAll(List.of(Tools.request(d, "{\"text\": \"r\", \"out\": \"o.txt\"}")));
      List<Job> ok = ex.submitAll(List.of(Tools.request(other,
          "{\"in\": \"lfn:/biomed/a.txt\", \"text\": \"second\", \"out\": \"o.txt\"}")));
      JobResult r = refused.get(0).await();
      assertEquals(JobState.FAILED, r.state());
      assertTrue(r.failure().orElseThrow().contains("refused"), r.failure().toString());
      JobResult good = ok.get(0).await();
      assertEquals(JobState.SUCCEEDED, good.state(), good.toString());
      assertEquals("A\n", Files.readString(good.outputFile("result").orElseThrow()));
    }
  }

  @Test
  void theClientFacadeReportsKillsAndFetchesOutputs() throws Exception {
    try (JobExecutor ex = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      Job job = ex.submit(Tools.request(Tools.echoTool(), "{\"text\": \"facade\", \"out\": \"f.txt\"}"));
      job.await();
      try (DiracClient client = DiracClient.open(settings, tmp.resolve("jobs"))) {
        long id = Long.parseLong(job.id());
        List<JobStatusRecord> st = client.status(List.of(id));
        assertEquals("Done", st.get(0).status());
        List<Path> dirs = client.output(List.of(id), tmp.resolve("out"));
        assertEquals("facade\n", Files.readString(dirs.get(0).resolve("outputs/f.txt")));
        assertTrue(Files.readString(dirs.get(0).resolve("std.out")).contains("done facade"));
        assertEquals(1, client.storedJobs().size());
      }
    }
  }
}
