package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceFixture;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.provenance.ReferenceRecords;
import org.vipboutiques.testing.conditions.EnabledIfReference;

/**
 * The provenance record of a job run on the DIRAC test grid (through DiracX; its local File inputs,
 * a file and a folder, travel in the input sandbox, its outputs come back in the output sandbox),
 * read by the reference's reader and compared with the record the reference writes for the same
 * tool and inputs.
 */
@EnabledIfReference
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DiracProvenanceRecordTest extends GridTest {

  @Test
  void theReferenceShowsOurRecordOfAGridJobUnchangedAndAgreesWithItsOwn() throws Exception {
    Path descriptor = Files.writeString(tmp.resolve("prov-tool.json"), ProvenanceFixture.descriptor(Optional.empty()));
    Path invocation = Files.writeString(tmp.resolve("invocation.json"), ProvenanceFixture.invocation(3));
    Path refRun = Files.createDirectories(tmp.resolve("ref-run"));
    ProvenanceFixture.makeInputs(refRun);
    Path reference = ReferenceRecords.launch(tmp.resolve("ref-home"), refRun, descriptor, invocation,
        "--provenance", ProvenanceFixture.ADDITIONAL);

    Path inputs = Files.createDirectories(tmp.resolve("inputs"));
    ProvenanceFixture.makeInputs(inputs);
    Path home = tmp.resolve("home");
    Descriptor d = Fixtures.BOUTIQUES.load(descriptor);
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      result = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, ProvenanceFixture.invocation(3)))
          .inputDirectory(inputs)
          .dataCollection(DataCollection.defaults().inDirectory(ReferenceRecords.dataFolder(home))
              .withAdditionalInformation(Fixtures.json(ProvenanceFixture.ADDITIONAL)))
          .build()).await();
    }
    assertEquals(JobState.FAILED, result.state(), result.toString());
    assertEquals(3, result.exitCode().orElseThrow(), result.toString());
    JsonObject execution = ProvenanceFixture.assertRecordAgrees(home, result, "dirac", reference)
        .object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    assertTrue(grid.job(Long.parseLong(execution.string("job-id").orElseThrow())) != null,
        "the record names the grid's own job id: " + execution);
  }
}
