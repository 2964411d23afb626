package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.provenance.ReferenceRecordCheck;

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
    ReferenceRecordCheck check = ReferenceRecordCheck.prepare(tmp, Optional.of(DockerEngine.TEST_IMAGE), "--no-container");
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(tmp.resolve("jobs"))
        .setting("docker-host", DockerEngine.host()).build())) {
      result = executor.submit(check.request().build()).await();
    }
    JsonObject ours = check.assertAgrees(result, "docker");
    JsonObject execution = ours.object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    assertEquals(DockerEngine.TEST_IMAGE, execution.string("container-image").orElseThrow(), execution.toString());
    assertTrue(execution.object("backend").orElseThrow().string("image-id").orElseThrow().startsWith("sha256:"),
        execution.toString());
  }
}
