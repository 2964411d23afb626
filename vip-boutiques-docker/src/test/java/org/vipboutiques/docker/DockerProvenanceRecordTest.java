package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceFixture;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.provenance.ReferenceRecords;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.conditions.EnabledIfReference;

/**
 * The provenance record of a run in a real Docker container, read by the reference's reader and
 * compared with the record the reference writes for the same tool and inputs (run on the host:
 * the record's fields are those of the tool, not of where it ran).
 */
@EnabledIfDocker
@EnabledIfReference
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DockerProvenanceRecordTest {

  @TempDir
  Path tmp;

  @Test
  void theReferenceShowsOurRecordOfADockerRunUnchangedAndAgreesWithItsOwn() throws Exception {
    Path descriptor = Files.writeString(tmp.resolve("prov-tool.json"),
        ProvenanceFixture.descriptor(Optional.of(DockerEngine.TEST_IMAGE)));
    Path invocation = Files.writeString(tmp.resolve("invocation.json"), ProvenanceFixture.invocation(3));
    Path refRun = Files.createDirectories(tmp.resolve("ref-run"));
    ProvenanceFixture.makeInputs(refRun);
    Path reference = ReferenceRecords.launch(tmp.resolve("ref-home"), refRun, descriptor, invocation,
        "--no-container", "--provenance", ProvenanceFixture.ADDITIONAL);

    Path inputs = Files.createDirectories(tmp.resolve("inputs"));
    ProvenanceFixture.makeInputs(inputs);
    Path home = tmp.resolve("home");
    Descriptor d = Fixtures.BOUTIQUES.load(descriptor);
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(tmp.resolve("jobs"))
        .setting("docker-host", DockerEngine.host()).build())) {
      result = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, ProvenanceFixture.invocation(3)))
          .inputDirectory(inputs)
          .dataCollection(DataCollection.defaults().inDirectory(ReferenceRecords.dataFolder(home))
              .withAdditionalInformation(Fixtures.json(ProvenanceFixture.ADDITIONAL)))
          .build()).await();
    }
    assertEquals(JobState.FAILED, result.state(), result.toString());
    assertEquals(3, result.exitCode().orElseThrow(), result.toString());
    JsonObject ours = ProvenanceFixture.assertRecordAgrees(home, result, "docker", reference);
    JsonObject execution = ours.object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    assertEquals(DockerEngine.TEST_IMAGE, execution.string("container-image").orElseThrow(), execution.toString());
    assertTrue(execution.object("backend").orElseThrow().string("image-id").orElseThrow().startsWith("sha256:"),
        execution.toString());
  }
}
