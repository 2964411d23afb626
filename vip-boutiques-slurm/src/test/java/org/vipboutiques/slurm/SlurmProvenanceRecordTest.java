package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;
import org.vipboutiques.testing.provenance.ReferenceRecordCheck;

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
    ReferenceRecordCheck check = ReferenceRecordCheck.prepare(tmp, Optional.empty());
    JobResult result;
    try (JobExecutor executor = SlurmCluster.executor(tmp.resolve("jobs"), Map.of())) {
      result = executor.submit(check.request().build()).await();
    }
    JsonObject execution = check.assertAgrees(result, "slurm").object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    String nodes = execution.object("backend").orElseThrow().string("nodes").orElseThrow();
    Set<String> known = SlurmCluster.nodes().stream().map(n -> n.split(" ")[0]).collect(Collectors.toSet());
    assertTrue(known.contains(nodes), "the node it ran on, one of " + known + ": " + nodes);
    assertTrue(execution.string("started").isPresent(), execution.toString());
  }
}
