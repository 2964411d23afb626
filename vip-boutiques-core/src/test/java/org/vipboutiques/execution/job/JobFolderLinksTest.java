package org.vipboutiques.execution.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.json.JsonString;

/**
 * The job folder holds links to the user's inputs (real symlinks here): the library never
 * writes through them, neither its own files nor outputs and configuration files.
 */
class JobFolderLinksTest {

  @TempDir
  Path tmp;
  Path user;
  Path job;

  @BeforeEach
  void userFiles() throws Exception {
    user = Files.createDirectories(tmp.resolve("user"));
    job = tmp.resolve("job");
    Files.createDirectories(user.resolve("indir"));
    Files.writeString(user.resolve("indir/data.txt"), "precious");
  }

  private static Descriptor tool(String outputs) {
    return Fixtures.descriptor("cat [IN] [OUT]",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"}]", null, outputs);
  }

  private PreparedJob prepare(Descriptor d, String input) throws Exception {
    JobRequest request = JobRequest.builder(d, Fixtures.BOUTIQUES.invocation(d,
        Fixtures.json("{\"in\": " + JsonString.of(input).toJson() + "}")))
        .workDirectory(job).inputDirectory(user).build();
    return JobFolder.prepare(request, ExecutorConfig.builder("test").baseDirectory(tmp.resolve("jobs")).build());
  }

  @Test
  void aConfigurationFileUnderALinkedInputFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
    Descriptor d = tool("[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\","
        + " \"path-template\": \"indir/data.txt\", \"file-template\": [\"overwritten\"]}]");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> prepare(d, "indir"));
    assertTrue(e.getMessage().contains("outside the job folder"), e.getMessage());
    assertEquals("precious", Files.readString(user.resolve("indir/data.txt")));
    assertTrue(Files.isSymbolicLink(job.resolve("indir")), "the input was linked, as usual");
  }

  @Test
  void anOutputUnderALinkedInputFolderIsRefused() throws Exception {
    Descriptor d = tool("[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\","
        + " \"path-template\": \"indir/result.nii\"}]");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> prepare(d, "indir"));
    assertTrue(e.getMessage().contains("output \"out\""), e.getMessage());
    assertTrue(e.getMessage().contains(user.toRealPath().resolve("indir/result.nii").toString()), e.getMessage());
  }

  @Test
  void anInputNamedLikeTheLibrarysOwnFilesIsRefused() throws Exception {
    for (String name : List.of(JobFolder.SCRIPT, JobFolder.STDOUT, JobFolder.STDERR, JobFolder.DESCRIPTOR,
        JobFolder.INVOCATION, ".vipb-env.sh", ".vipb-slurm.sh", ".vipb-dirac/x")) {
      Path file = user.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "the user's own " + name);
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> prepare(tool(null), name), name);
      assertTrue(e.getMessage().contains("keeps for its own files"), e.getMessage());
      assertEquals("the user's own " + name, Files.readString(file));
    }
  }

  @Test
  void theLibrarysOwnFilesAreNotWrittenThroughALinkStandingAtTheirName() throws Exception {
    Files.createDirectories(job);
    Path victim = Files.writeString(user.resolve("victim.sh"), "the user's");
    Files.createSymbolicLink(job.resolve(JobFolder.SCRIPT), victim);
    assertThrows(JobRejectedException.class, () -> prepare(tool(null), "indir"));
    assertEquals("the user's", Files.readString(victim));
  }

  @Test
  void outputsInsideTheFolderAndLinkedInputsStillWork() throws Exception {
    Descriptor d = tool("[{\"id\": \"out\", \"name\": \"out\", \"value-key\": \"[OUT]\","
        + " \"path-template\": \"res/out.txt\", \"file-template\": [\"x=[IN]\"]}]");
    PreparedJob p = prepare(d, "indir/data.txt");
    assertEquals("x=indir/data.txt", Files.readString(job.resolve("res/out.txt")));
    assertTrue(Files.isSymbolicLink(job.resolve("indir/data.txt")));
    assertTrue(Files.isRegularFile(p.script()) && !Files.isSymbolicLink(p.script()));
  }
}
