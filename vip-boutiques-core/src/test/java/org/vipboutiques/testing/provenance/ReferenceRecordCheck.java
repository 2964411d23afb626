package org.vipboutiques.testing.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceFixture;
import org.vipboutiques.provenance.ReferenceRecords;

/**
 * One comparison of a provenance record with the reference's: {@link #prepare} writes the fixture's
 * tool (exiting 3) and inputs under a test's folder and has the vendored reference run it
 * ({@code bosh exec launch --provenance}) for its own record; {@link #request} runs the same on an
 * executor of ours, its record written where the reference's reader looks (a HOME of its own);
 * {@link #assertAgrees} checks what that reader ({@code bosh data inspect}) shows. Tests using it
 * need {@code @EnabledIfReference}.
 */
public final class ReferenceRecordCheck {

  private static final int EXIT_CODE = 3;

  private final Path inputs;
  private final Path home;
  private final Path reference;
  private final Descriptor descriptor;

  private ReferenceRecordCheck(Path inputs, Path home, Path reference, Descriptor descriptor) {
    this.inputs = inputs;
    this.home = home;
    this.reference = reference;
    this.descriptor = descriptor;
  }

  /**
   * The reference's record of the fixture's tool, run in {@code folder}/ref-run; the tool in
   * {@code image} when given (the reference runs it on the host whatever the image, given
   * {@code --no-container}, which {@code referenceOptions} may hold).
   */
  public static ReferenceRecordCheck prepare(Path folder, Optional<String> image, String... referenceOptions)
      throws Exception {
    Path descriptorFile = Files.writeString(folder.resolve("prov-tool.json"), ProvenanceFixture.descriptor(image));
    Path invocation = Files.writeString(folder.resolve("invocation.json"), ProvenanceFixture.invocation(EXIT_CODE));
    Path refRun = Files.createDirectories(folder.resolve("ref-run"));
    ProvenanceFixture.makeInputs(refRun);
    List<String> options = new ArrayList<>(List.of(referenceOptions));
    options.addAll(List.of("--provenance", ProvenanceFixture.ADDITIONAL));
    Path reference = ReferenceRecords.launch(folder.resolve("ref-home"), refRun, descriptorFile, invocation,
        options.toArray(String[]::new));
    Path inputs = Files.createDirectories(folder.resolve("inputs"));
    ProvenanceFixture.makeInputs(inputs);
    return new ReferenceRecordCheck(inputs, folder.resolve("home"), reference, Fixtures.BOUTIQUES.load(descriptorFile));
  }

  /** The same tool and inputs for an executor of ours, collecting its record for the reference's reader. */
  public JobRequest.Builder request() throws Exception {
    return JobRequest.builder(descriptor, Fixtures.BOUTIQUES.invocation(descriptor, ProvenanceFixture.invocation(EXIT_CODE)))
        .inputDirectory(inputs)
        .dataCollection(DataCollection.defaults().inDirectory(ReferenceRecords.dataFolder(home))
            .withAdditionalInformation(Fixtures.json(ProvenanceFixture.ADDITIONAL)));
  }

  /**
   * The run failed with the tool's exit code, and {@link ProvenanceFixture#assertRecordAgrees}: our
   * record, which this returns, is shown unchanged by the reference's reader and agrees with its own.
   */
  public JsonObject assertAgrees(JobResult result, String executor) throws Exception {
    assertEquals(JobState.FAILED, result.state(), result.toString());
    assertEquals(EXIT_CODE, result.exitCode().orElseThrow(), result.toString());
    return ProvenanceFixture.assertRecordAgrees(home, result, executor, reference);
  }
}
