package org.vipboutiques.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;

/**
 * One tool run by the reference and by an executor of ours, whose records must agree: File
 * inputs (a file and a folder with a sub-folder), a String, an exit code the descriptor explains,
 * outputs that are a file, a folder and a glob, a required output missing and an optional one.
 */
public final class ProvenanceFixture {

  public static final String ADDITIONAL = "{\"study\": \"S1\", \"subject\": 7}";

  private ProvenanceFixture() {}

  /** The descriptor, in a container image when one is given. */
  public static String descriptor(Optional<String> image) {
    return "{\n"
        + "  \"name\": \"prov tool\",\n"
        + "  \"tool-version\": \"1.0\",\n"
        + "  \"description\": \"provenance fixture\",\n"
        + "  \"schema-version\": \"0.5\",\n"
        + image.map(i -> "  \"container-image\": {\"type\": \"docker\", \"image\": \"" + i + "\"},\n").orElse("")
        + "  \"command-line\": \"cat [IN] > [OUT]; ls [DIR] > list.txt; mkdir -p outdir; echo a > outdir/a;"
        + " echo b > outdir/b; echo out-line; echo err-line >&2; exit [CODE]\",\n"
        + "  \"inputs\": [\n"
        + "    {\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},\n"
        + "    {\"id\": \"dir\", \"name\": \"dir\", \"type\": \"File\", \"value-key\": \"[DIR]\"},\n"
        + "    {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"},\n"
        + "    {\"id\": \"code\", \"name\": \"code\", \"type\": \"Number\", \"integer\": true, \"value-key\": \"[CODE]\"}\n"
        + "  ],\n"
        + "  \"output-files\": [\n"
        + "    {\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"},\n"
        + "    {\"id\": \"listing\", \"name\": \"l\", \"path-template\": \"list.txt\"},\n"
        + "    {\"id\": \"folder\", \"name\": \"f\", \"path-template\": \"outdir\"},\n"
        + "    {\"id\": \"absent\", \"name\": \"a\", \"path-template\": \"absent.txt\"},\n"
        + "    {\"id\": \"absentopt\", \"name\": \"o\", \"path-template\": \"nope.txt\", \"optional\": true}\n"
        + "  ],\n"
        + "  \"error-codes\": [{\"code\": 3, \"description\": \"three\"}]\n"
        + "}\n";
  }

  public static String invocation(int code) {
    return "{\"in\": \"in.txt\", \"dir\": \"indir\", \"out\": \"out.txt\", \"code\": " + code + "}";
  }

  /** The inputs, relative to {@code folder}. */
  public static void makeInputs(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("indir/sub"));
    Files.writeString(folder.resolve("in.txt"), "hello\n");
    Files.writeString(folder.resolve("indir/x"), "x\n");
    Files.writeString(folder.resolve("indir/sub/y"), "y\n");
  }

  /**
   * Our record, written for {@code result} into the data folder under {@code home}, is the only
   * record there, beside its descriptor; the reference's reader lists it and shows it byte for
   * byte; its content is the reference's own record's ({@code reference}); our additions say who
   * ran it.
   */
  public static JsonObject assertRecordAgrees(Path home, JobResult result, String executor, Path reference)
      throws Exception {
    Path data = ReferenceRecords.dataFolder(home);
    Path record = ProvenanceRecords.recordOf(result.workDirectory()).orElseThrow(
        () -> new AssertionError("no record for " + result));
    assertEquals(List.of(record), ReferenceRecords.records(data));
    String name = record.getFileName().toString();
    assertTrue(name.matches("prov-tool_\\d{4}-\\d\\d-\\d\\d_\\d\\dh\\d\\dm\\d\\ds\\d{6}ms\\.json"), name);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));

    JsonObject ours = ReferenceRecords.read(record);
    JsonObject summary = ours.object("summary").orElseThrow();
    assertEquals(name, "prov-tool_" + summary.string("date-time").orElseThrow() + ".json");
    Path descriptor = data.resolve(summary.string("descriptor-doi").orElseThrow());
    assertTrue(Files.isRegularFile(descriptor), "the descriptor is saved beside the record: " + descriptor);
    assertEquals("prov tool", ReferenceRecords.read(descriptor).string("name").orElseThrow());

    String listing = ReferenceRecords.inspect(home);
    assertTrue(listing.contains("There are 1 unpublished records in the cache"), listing);
    assertTrue(listing.contains("There are 1 unpublished descriptors in the cache"), listing);
    assertTrue(listing.contains(name), listing);
    assertEquals(Files.readString(record) + "\n", ReferenceRecords.inspect(home, "--latest"),
        "bosh data inspect --latest shows the record unchanged");

    assertEquals(ReferenceRecords.comparable(ReferenceRecords.read(reference)), ReferenceRecords.comparable(ours));

    JsonObject execution = ours.object(ProvenanceRecords.EXECUTION_KEY).orElseThrow();
    assertEquals(executor, execution.string("executor").orElseThrow());
    assertEquals(result.jobId(), execution.string("job-id").orElseThrow());
    assertEquals(result.state().name(), execution.string("state").orElseThrow());
    JsonArray attempts = execution.array("attempts").orElseThrow();
    assertEquals(result.attempts().size(), attempts.items().size(), execution.toString());
    JsonObject last = (JsonObject) attempts.items().get(attempts.items().size() - 1);
    assertEquals(result.attempts().size() + "", last.number("number").orElseThrow().literal());
    assertEquals(result.jobId(), last.string("job-id").orElseThrow());
    assertEquals(result.state().name(), last.string("state").orElseThrow());
    assertEquals(result.failureKind().name(), last.string("failure-kind").orElseThrow());
    assertTrue(execution.string("queued").isPresent() && execution.string("finished").isPresent(), execution.toString());
    return ours;
  }
}
