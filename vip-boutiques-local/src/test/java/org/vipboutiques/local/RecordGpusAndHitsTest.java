package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.GpuRecord;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.provenance.ReferenceRecords;

/**
 * What the record adds for GPU jobs (the request, and the devices {@code nvidia-smi} lists where the
 * tool runs: here a stand-in on the job's PATH) and for cache hits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordGpusAndHitsTest {

  @TempDir
  Path tmp;

  /** A stand-in nvidia-smi that answers the query as nvidia-smi 550 does on two H200s; refuses other queries. */
  Path fakeNvidiaSmi() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\n"
        + "[ \"$1\" = \"--query-gpu=index,name,driver_version,uuid,memory.total\" ] && [ \"$2\" = \"--format=csv,noheader\" ]"
        + " || exit 6\n"
        + "echo '0, NVIDIA H200, 550.54.15, GPU-6b1f2c3d-1111-2222-3333-444455556666, 143771 MiB'\n"
        + "echo '1, NVIDIA H200, 550.54.15, GPU-7c2a3b4e-1111-2222-3333-444455556666, [N/A]'\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  static Descriptor gpuTool() throws Exception {
    return Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("echo on [TEXT] > out.txt",
        "[{\"id\": \"text\", \"name\": \"t\", \"type\": \"String\", \"value-key\": \"[TEXT]\"}]", null,
        "[{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"out.txt\"}]")
        .with("custom", Fixtures.json("{\"vip:gpu\": {\"count\": 2, \"type\": \"h200\", \"min-memory-gb\": 80,"
            + " \"policy\": \"preferred\"}}")), "gpu");
  }

  JobResult run(Descriptor d, Map<String, String> environment, JobExecutor executor) throws Exception {
    JobRequest.Builder b = JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"text\": \"gpu\"}"))
        .dataCollection(DataCollection.defaults().inDirectory(tmp.resolve("data")));
    environment.forEach(b::environment);
    return executor.submit(b.build()).await();
  }

  JobExecutor local(String... settings) throws Exception {
    ExecutorConfig.Builder b = ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs"));
    for (int i = 0; i < settings.length; i += 2) {
      b.setting(settings[i], settings[i + 1]);
    }
    return JobExecutors.create(b.build());
  }

  static JsonObject execution(JobResult r) throws Exception {
    return ReferenceRecords.read(ProvenanceRecords.recordOf(r.workDirectory()).orElseThrow(
        () -> new AssertionError("no record for " + r))).object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
  }

  @Test
  void aGpuJobsRecordHoldsTheRequestAndTheDevicesNvidiaSmiListsWhereItRuns() throws Exception {
    Path bin = fakeNvidiaSmi();
    JobResult r;
    try (JobExecutor executor = local()) {
      r = run(gpuTool(), Map.of("PATH", bin + ":" + System.getenv("PATH")), executor);
    }
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    assertEquals("", r.stdoutTail() + r.stderrTail(), "the listing prints nothing");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        r.workDirectory().resolve(GpuRecord.DEVICES_FILE))));
    JsonObject gpus = execution(r).object("gpus").orElseThrow();
    assertEquals(Fixtures.json("{\"count\": 2, \"type\": \"h200\", \"min-memory-gb\": 80.0, \"policy\": \"preferred\"}"),
        gpus.object("requested").orElseThrow());
    assertEquals(new JsonArray(List.of(
        Fixtures.json("{\"index\": \"0\", \"model\": \"NVIDIA H200\", \"driver\": \"550.54.15\","
            + " \"uuid\": \"GPU-6b1f2c3d-1111-2222-3333-444455556666\", \"memory\": \"143771 MiB\"}"),
        Fixtures.json("{\"index\": \"1\", \"model\": \"NVIDIA H200\", \"driver\": \"550.54.15\","
            + " \"uuid\": \"GPU-7c2a3b4e-1111-2222-3333-444455556666\"}"))), gpus.array("devices").orElseThrow());
  }

  @Test
  void withoutNvidiaSmiTheRecordHoldsTheRequestAloneAndAToolWithoutGpusHasNoGpuKey() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("empty-bin"));
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("/bin/sh"));
    Files.createSymbolicLink(bin.resolve("echo"), Path.of("/bin/echo"));
    JobResult gpu;
    JobResult plain;
    try (JobExecutor executor = local()) {
      gpu = run(gpuTool(), Map.of("PATH", bin.toString()), executor);
      plain = run(Fixtures.BOUTIQUES.load(Fixtures.descriptorJson("echo [TEXT] > out.txt",
          "[{\"id\": \"text\", \"name\": \"t\", \"type\": \"String\", \"value-key\": \"[TEXT]\"}]", null, null),
          "plain"), Map.of(), executor);
    }
    assertEquals(JobState.SUCCEEDED, gpu.state(), gpu.toString());
    assertFalse(Files.exists(gpu.workDirectory().resolve(GpuRecord.DEVICES_FILE)));
    JsonObject gpus = execution(gpu).object("gpus").orElseThrow();
    assertEquals("2", gpus.object("requested").orElseThrow().number("count").orElseThrow().literal());
    assertEquals(0, gpus.array("devices").orElseThrow().items().size());
    assertEquals(JobState.SUCCEEDED, plain.state(), plain.toString());
    assertTrue(execution(plain).get("gpus").isEmpty());
    assertFalse(Files.readString(plain.workDirectory().resolve(".vipb-command.sh")).contains("nvidia-smi"),
        "a tool without GPUs runs its command line alone");
  }

  @Test
  void aCacheHitHasItsOwnRecordSayingSo() throws Exception {
    Path bin = fakeNvidiaSmi();
    JobResult first;
    JobResult hit;
    try (JobExecutor executor = local("cache", tmp.resolve("cache").toString())) {
      first = run(gpuTool(), Map.of("PATH", bin + ":" + System.getenv("PATH")), executor);
      hit = run(gpuTool(), Map.of("PATH", bin + ":" + System.getenv("PATH")), executor);
    }
    assertTrue(hit.cacheHit(), hit.toString());
    JsonObject ran = execution(first);
    JsonObject answered = execution(hit);
    assertTrue(ran.get("cache-hit").isEmpty(), ran.toString());
    assertEquals(true, answered.bool("cache-hit").orElseThrow(), answered.toString());
    assertEquals("cache-hit", answered.string("backend-state").orElseThrow());
    assertEquals(64, answered.object("backend").orElseThrow().string("cache-key").orElseThrow().length());
    assertEquals(hit.jobId(), answered.string("job-id").orElseThrow());
    JsonObject outFirst = ReferenceRecords.read(ProvenanceRecords.recordOf(first.workDirectory()).orElseThrow())
        .object("public-output").orElseThrow();
    JsonObject outHit = ReferenceRecords.read(ProvenanceRecords.recordOf(hit.workDirectory()).orElseThrow())
        .object("public-output").orElseThrow();
    assertEquals(outFirst.get("output-files"), outHit.get("output-files"), "the same outputs, by MD5");
    assertEquals(2, ReferenceRecords.records(tmp.resolve("data")).size());
  }
}
