package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.cli.CliOutput;
import org.vipboutiques.dirac.diracx.DeviceCode;
import org.vipboutiques.dirac.jdl.JdlParser;
import org.vipboutiques.dirac.jdl.ParsedJdl;
import org.vipboutiques.dirac.monitor.DiracState;
import org.vipboutiques.dirac.store.DiracJobRecord;
import org.vipboutiques.dirac.store.DiracJobStore;
import org.vipboutiques.dirac.testgrid.TestGrid;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.invocation.Invocation;

/** The documented outputs, states, store, login and the `dirac jdl` facade. */
class ProtocolTest {

  @TempDir
  Path tmp;

  @Test
  void readsTheCommandLineOutputsAsDocumented() {
    assertEquals(List.of(List.of(123L), List.of(1047L, 1048L)),
        CliOutput.submittedIds(List.of("JobID = 123", "JobID = [1047, 1048]", "ERROR b.jdl: refused")));
    assertEquals(Map.of("b.jdl", "refused"), CliOutput.submitErrors(List.of("JobID = 1", "ERROR b.jdl: refused")));
    JobStatusRecord a = CliOutput.statusLine("JobID=2 Status=Done; MinorStatus=Execution Complete; Site=EELA.UTFSM.cl;")
        .orElseThrow();
    assertEquals(2, a.jobId());
    assertEquals("Done", a.status());
    assertEquals("Execution Complete", a.minorStatus());
    assertEquals("EELA.UTFSM.cl", a.site());
    JobStatusRecord b = CliOutput.statusLine(
        "JobID=7 MinorStatus=Application; ApplicationStatus=Unknown; Site=X.y.z; Status=Running;").orElseThrow();
    assertEquals("Running", b.status());
    assertEquals("Application", b.minorStatus());
    assertTrue(CliOutput.statusLine("ERROR: no such job").isEmpty());
    assertEquals(Optional.of("/tmp/out/1"), CliOutput.retrievedIn(List.of("Job output sandbox retrieved in /tmp/out/1/")));
  }

  @Test
  void statesFollowTheTransitionTable() {
    assertTrue(DiracState.STALLED.canMoveTo(DiracState.RUNNING));
    assertTrue(DiracState.COMPLETED.canMoveTo(DiracState.DONE));
    assertTrue(DiracState.RECEIVED.canMoveTo(DiracState.STAGING));
    assertFalse(DiracState.DONE.canMoveTo(DiracState.RUNNING));
    assertFalse(DiracState.KILLED.canMoveTo(DiracState.RUNNING));
    assertEquals(JobState.QUEUED, DiracState.RESCHEDULED.jobState());
    assertEquals(JobState.RUNNING, DiracState.STALLED.jobState());
    assertEquals(JobState.RUNNING, DiracState.COMPLETING.jobState());
    assertEquals(JobState.CANCELLED, DiracState.KILLED.jobState());
    assertTrue(DiracState.COMPLETED.isFinal() && DiracState.DELETED.isFinal());
    assertEquals(DiracState.WAITING, DiracState.parse("waiting").orElseThrow());
  }

  @Test
  void theStoreKeepsTheLastRecordOfEachJobAndSurvivesATornLine() throws Exception {
    Path file = tmp.resolve("store.jsonl");
    DiracJobStore store = DiracJobStore.open(file);
    DiracJobRecord r = DiracJobRecord.pending("vipb_1", tmp, "diracx", "fp");
    store.recordAll(List.of(r, DiracJobRecord.pending("vipb_2", tmp, "diracx", "fp2")));
    store.record(r.submitted(42));
    Files.writeString(file, Files.readString(file) + "{\"key\": \"torn", java.nio.file.StandardOpenOption.WRITE);
    DiracJobStore again = DiracJobStore.open(file);
    assertEquals(42L, again.byKey("vipb_1").orElseThrow().jobId().orElseThrow());
    assertEquals("vipb_1", again.byId(42).orElseThrow().key());
    assertEquals(2, again.unfinished().size());
    again.record(again.byId(42).orElseThrow().finished(JobState.SUCCEEDED));
    assertEquals(1, DiracJobStore.open(file).unfinished().size());
  }

  @Test
  void deviceFlowLoginWritesTheCredentialsFile() throws Exception {
    try (TestGrid grid = TestGrid.start(tmp.resolve("grid"))) {
      Path creds = tmp.resolve("cache/credentials.json");
      Map<String, String> s = Tools.diracx(grid.url(), creds);
      s.put("login-interval", "50ms");
      s.put("scope", "vo:biomed group:biomed_user");
      AtomicReference<DeviceCode> shown = new AtomicReference<>();
      try (DiracClient client = DiracClient.open(s, tmp.resolve("jobs"))) {
        client.login(shown::set);
        assertTrue(shown.get().userCode().startsWith("USER-"));
        assertTrue(shown.get().verificationUri().startsWith(grid.url()));
        String text = Files.readString(creds);
        assertTrue(text.contains("access_token") && text.contains("refresh_token") && text.contains("expires_on"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
        assertTrue(client.status(List.of(1L)).isEmpty(), "logged in: the search works, and filters by id");
      }
    }
  }

  @Test
  void missingCredentialsOrClientSayHowToFixIt() {
    Map<String, String> s = Tools.diracx("http://127.0.0.1:9", tmp.resolve("none.json"));
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class,
        () -> JobExecutors.create(Tools.config(tmp, s)));
    assertTrue(e.getMessage().contains("dirac login"), e.getMessage());
    Map<String, String> bad = Map.of("transport", "cli", "dirac-env-script", tmp.resolve("nope.sh").toString());
    e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(Tools.config(tmp, bad)));
    assertTrue(e.getMessage().contains("dirac-env-script"), e.getMessage());
    e = assertThrows(ExecutorUnavailableException.class,
        () -> JobExecutors.create(Tools.config(tmp, Map.of("transport", "grid"))));
    assertTrue(e.getMessage().contains("diracx or cli"), e.getMessage());
  }

  @Test
  void jdlPrintsParametricBulksOfAtMostTwenty() throws Exception {
    Descriptor d = Tools.echoTool();
    List<Invocation> invocations = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      invocations.add(Tools.invocation(d, "{\"text\": \"t" + i + "\", \"out\": \"o.txt\"}"));
    }
    String text = DiracClient.jdl(d, invocations, Map.of("job-group", "study1"));
    String[] jdls = text.split("\n\n");
    assertEquals(3, jdls.length, text);
    int total = 0;
    for (String j : jdls) {
      ParsedJdl p = JdlParser.parse(j);
      assertEquals("%s", p.string("JobName").orElseThrow());
      assertEquals("study1", p.string("JobGroup").orElseThrow());
      total += JdlParser.expand(p).size();
      assertTrue(JdlParser.expand(p).size() <= 20);
    }
    assertEquals(45, total);
    String one = DiracClient.jdl(d, invocations.get(0), Map.of());
    assertFalse(one.contains("Parameters"), one);
    assertFalse(one.contains("t0"), "the command line is not in the JDL: " + one);
  }

  @Test
  void lfnInputsAreCheckedBeforeAnythingIsSubmitted() throws Exception {
    Descriptor d = Tools.catTool();
    Invocation bad = Tools.invocation(d, "{\"in\": \"lfn:/biomed//x.txt\", \"text\": \"t\", \"out\": \"o\"}");
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> DiracClient.jdl(d, bad, Map.of()));
    assertTrue(e.getMessage().contains("lfn:/<vo>/"), e.getMessage());
    Invocation foreign = Tools.invocation(d, "{\"in\": \"lfn:/atlas/x.txt\", \"text\": \"t\", \"out\": \"o\"}");
    e = assertThrows(JobRejectedException.class, () -> DiracClient.jdl(d, foreign, Map.of("vo", "biomed")));
    assertTrue(e.getMessage().contains("/biomed/"), e.getMessage());
    Invocation ok = Tools.invocation(d, "{\"in\": \"LFN:/biomed/x.txt\", \"text\": \"t\", \"out\": \"o\"}");
    assertTrue(DiracClient.jdl(d, ok, Map.of("vo", "biomed")).contains("InputData = {\"LFN:/biomed/x.txt\"};"));
  }

  @Test
  void inputsNeitherGridNorWorkerNorLocalAreRefusedWithTheFix() throws Exception {
    Descriptor d = Tools.catTool();
    JobRejectedException e = assertThrows(JobRejectedException.class, () -> DiracClient.jdl(d,
        Tools.invocation(d, "{\"in\": \"missing.txt\", \"text\": \"t\", \"out\": \"o\"}"), Map.of()));
    assertTrue(e.getMessage().contains("input \"in\"") && e.getMessage().contains("worker-paths")
        && e.getMessage().contains("lfn:/<vo>/"), e.getMessage());
    // A path every worker sees is passed as it is: nothing shipped, nothing fetched.
    String jdl = DiracClient.jdl(d, Tools.invocation(d,
        "{\"in\": \"/cvmfs/biomed.egi.eu/atlas.nii\", \"text\": \"t\", \"out\": \"o\"}"), Map.of());
    assertFalse(jdl.contains("InputData"), jdl);
    DiracClient.jdl(d, Tools.invocation(d, "{\"in\": \"/scratch/shared/x\", \"text\": \"t\", \"out\": \"o\"}"),
        Map.of("worker-paths", "/cvmfs/, /scratch/shared/"));
  }
}
