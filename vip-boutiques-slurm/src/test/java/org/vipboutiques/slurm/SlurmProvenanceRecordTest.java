package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.provenance.ProvenanceFixture;
import org.vipboutiques.provenance.ReferenceRecords;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * The provenance record of a job run by a real Slurm cluster, read by the reference's reader and
 * compared with the record the reference writes for the same tool and inputs.
 */
@EnabledIfSlurm
@EnabledIfReference
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SlurmProvenanceRecordTest {

  @TempDir
  Path tmp;

  @Test
  void theReferenceShowsOurRecordOfASlurmJobUnchangedAndAgreesWithItsOwn() throws Exception {
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
    try (JobExecutor executor = SlurmCluster.executor(tmp.resolve("jobs"), Map.of())) {
      result = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, ProvenanceFixture.invocation(3)))
          .inputDirectory(inputs)
          .dataCollection(DataCollection.defaults().inDirectory(ReferenceRecords.dataFolder(home))
              .withAdditionalInformation(Fixtures.json(ProvenanceFixture.ADDITIONAL)))
          .build()).await();
    }
    assertEquals(JobState.FAILED, result.state(), result.toString());
    assertEquals(3, result.exitCode().orElseThrow(), result.toString());
    JsonObject execution = ProvenanceFixture.assertRecordAgrees(home, result, "slurm", reference)
        .object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    String nodes = execution.object("backend").orElseThrow().string("nodes").orElseThrow();
    Set<String> known = SlurmCluster.nodes().stream().map(n -> n.split(" ")[0]).collect(Collectors.toSet());
    assertTrue(known.contains(nodes), "the node it ran on, one of " + known + ": " + nodes);
    assertTrue(execution.string("started").isPresent(), execution.toString());
  }
}
