package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.ProvenanceRecords;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.provenance.ReferenceRecordCheck;

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
    ReferenceRecordCheck check = ReferenceRecordCheck.prepare(tmp, Optional.empty());
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(Tools.config(tmp.resolve("jobs"), settings))) {
      result = executor.submit(check.request().build()).await();
    }
    JsonObject execution = check.assertAgrees(result, "dirac").object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    assertTrue(grid.job(Long.parseLong(execution.string("job-id").orElseThrow())) != null,
        "the record names the grid's own job id: " + execution);
  }
}
