package org.vipboutiques.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.provenance.ReferenceRecordCheck;

/** The provenance record of local runs, read by the reference's own reader and compared with its own record. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProvenanceRecordTest {

  @TempDir
  Path tmp;

  private JobResult run(Path descriptorFile, String invocation, Path inputs, DataCollection collection)
      throws Exception {
    Descriptor d = Fixtures.BOUTIQUES.load(descriptorFile);
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs")).build())) {
      return executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, invocation))
          .inputDirectory(inputs).dataCollection(collection).build()).await();
    }
  }

  @Test
  @EnabledIfReference
  void theReferenceShowsOurRecordOfAFailedRunUnchangedAndAgreesWithItsOwn() throws Exception {
    ReferenceRecordCheck check = ReferenceRecordCheck.prepare(tmp, Optional.empty());
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs")).build())) {
      result = executor.submit(check.request().build()).await();
    }
    JsonObject ours = check.assertAgrees(result, "local");
    assertEquals("three", ours.object("public-output").orElseThrow().string("error-message").orElseThrow());
  }

  @Test
  @EnabledIfReference
  void aSucceededRunIsRecordedAndListedByTheReference() throws Exception {
    Descriptor d = Fixtures.textTool("echo [TEXT] > [OUT]",
        "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    Path home = tmp.resolve("home");
    JobResult result;
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(tmp.resolve("jobs")).build())) {
      result = executor.submit(JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d, "{\"text\": \"hi\", \"out\": \"o.txt\"}"))
          .dataCollection(DataCollection.defaults().inDirectory(ReferenceRecords.dataFolder(home))).build()).await();
    }
    assertEquals(JobState.SUCCEEDED, result.state(), result.toString());
    Path record = ProvenanceRecords.recordOf(result.workDirectory()).orElseThrow();
    String listing = ReferenceRecords.inspect(home);
    assertTrue(listing.contains("There are 1 unpublished records in the cache"), listing);
    assertTrue(listing.contains(record.getFileName().toString()), listing);
    JsonObject output = ReferenceRecords.read(record).object("public-output").orElseThrow();
    assertEquals("0", output.number("exit-code").orElseThrow().literal());
    assertEquals("764efa883dda1e11db47671c4a3bbd9e", output.object("output-files").orElseThrow()
        .object("result").orElseThrow().string("md5sum").orElseThrow(), "md5 of \"hi\\n\"");
  }

  @Test
  void skippingDataCollectionWritesNothing() throws Exception {
    Path descriptor = Files.writeString(tmp.resolve("prov-tool.json"), ProvenanceFixture.descriptor(Optional.empty()));
    Path inputs = Files.createDirectories(tmp.resolve("inputs"));
    ProvenanceFixture.makeInputs(inputs);
    Path data = tmp.resolve("data");
    JobResult result = run(descriptor, ProvenanceFixture.invocation(0), inputs, DataCollection.skip().inDirectory(data));
    assertEquals(JobState.FAILED, result.state(), "the required output absent.txt is missing");
    assertTrue(ProvenanceRecords.recordOf(result.workDirectory()).isEmpty());
    assertFalse(Files.exists(data), "nothing written to the data folder");
  }

  @Test
  void aRecordNeverReplacesAnotherAndTheDescriptorIsSavedOnce() throws Exception {
    Path descriptor = Files.writeString(tmp.resolve("prov-tool.json"), ProvenanceFixture.descriptor(Optional.empty()));
    Path inputs = Files.createDirectories(tmp.resolve("inputs"));
    ProvenanceFixture.makeInputs(inputs);
    Path data = tmp.resolve("data");
    for (int i = 0; i < 3; i++) {
      run(descriptor, ProvenanceFixture.invocation(i), inputs, DataCollection.defaults().inDirectory(data));
    }
    assertEquals(3, ReferenceRecords.records(data).size());
    try (var files = Files.list(data)) {
      List<Path> descriptors = files.filter(f -> f.getFileName().toString().startsWith("descriptor_")).toList();
      assertEquals(1, descriptors.size(), descriptors.toString());
    }
  }
}
