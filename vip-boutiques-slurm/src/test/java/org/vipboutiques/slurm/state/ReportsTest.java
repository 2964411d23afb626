package org.vipboutiques.slurm.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Slurm commands print, as read by the executor (samples from Slurm 22.05). */
class ReportsTest {

  @Test
  void squeue() {
    String out = "104|COMPLETED|None|vm|2026-11-25T03:43:35|0|\n"
        + "53_7|RUNNING|None|node[01-02]|2026-11-25T03:38:06|0|\n"
        + "53_8|PENDING|Resources|(null)|N/A|0|\n"
        + "2|TIMEOUT|TimeLimit|vm|2026-11-25T03:36:18|15|\n"
        + "1|FAILED|NonZeroExitCode|vm|2026-11-25T03:36:18|768|\n"
        + "garbage\n";
    Map<String, SlurmJobInfo> infos = SqueueReport.parse(out);
    assertEquals(List.of("104", "53_7", "53_8", "2", "1"), List.copyOf(infos.keySet()));
    assertEquals(Optional.of(SlurmState.COMPLETED), infos.get("104").state());
    assertEquals("node[01-02]", infos.get("53_7").nodes());
    assertTrue(infos.get("53_7").startedAt().isPresent());
    assertEquals("", infos.get("53_8").nodes());
    assertEquals("PENDING (Resources)", infos.get("53_8").describe());
    assertEquals(Optional.of(new ExitStatus(0, 15)), infos.get("2").exit());
    assertEquals(Optional.of(new ExitStatus(3, 0)), infos.get("1").exit());
    assertTrue(infos.get("1").isFinal());
    assertTrue(SqueueReport.noneKnown("slurm_load_jobs error: Invalid job id specified"));
    assertEquals(List.of("--noheader", "--array", "--states=all", "--jobs=1,53", "--Format=" + SqueueReport.FORMAT),
        SqueueReport.arguments(List.of("1", "53")));
  }

  @Test
  void sacct() {
    String out = "10|COMPLETED|0:0|vm|2026-11-25T03:43:35\n"
        + "11|CANCELLED by 0|0:15|vm|2026-11-25T03:43:35\n"
        + "12_3|OUT_OF_MEMORY|0:125|vm|2026-11-25T03:43:35\n"
        + "12_[4-6,9%2]|PENDING|0:0|None assigned|Unknown\n";
    Map<String, SlurmJobInfo> infos = SacctReport.parse(out);
    assertEquals(List.of("10", "11", "12_3", "12_4", "12_5", "12_6", "12_9"), List.copyOf(infos.keySet()));
    assertEquals(Optional.of(SlurmState.CANCELLED), infos.get("11").state());
    assertEquals("by 0", infos.get("11").reason());
    assertEquals(Optional.of(SlurmState.OUT_OF_MEMORY), infos.get("12_3").state());
    assertEquals(Optional.of(SlurmState.PENDING), infos.get("12_9").state());
    assertEquals("", infos.get("12_9").nodes());
    assertTrue(SacctReport.accountingDisabled("Slurm accounting storage is disabled"));
  }

  @Test
  void scontrol() {
    String out = "JobId=60 ArrayJobId=53 ArrayTaskId=7 JobName=t UserId=root(0) JobState=FAILED"
        + " Reason=NonZeroExitCode Dependency=(null) ExitCode=3:0 RunTime=00:00:01 StartTime=2026-11-25T03:36:18"
        + " NodeList=vm BatchHost=vm WorkDir=/tmp/a b StdErr=/tmp/x\n";
    SlurmJobInfo info = ScontrolReport.parse(out).orElseThrow();
    assertEquals("53_7", info.id());
    assertEquals(Optional.of(SlurmState.FAILED), info.state());
    assertEquals(Optional.of(new ExitStatus(3, 0)), info.exit());
    assertEquals("vm", info.nodes());
    assertEquals("NonZeroExitCode", info.reason());
    assertEquals("1", ScontrolReport.parse("JobId=1 JobName=wrap JobState=COMPLETED ExitCode=0:0").orElseThrow().id());
    assertTrue(ScontrolReport.parse("").isEmpty());
  }

  @Test
  void sinfo() {
    Map<String, String> nodes = NodeReport.parse("vm|mixed*\nn2|idle\nn3|down\nn4|drained\nn5|allocated\n");
    assertTrue(NodeReport.lost(nodes.get("vm")));
    assertFalse(NodeReport.lost(nodes.get("n2")));
    assertTrue(NodeReport.lost(nodes.get("n3")));
    assertFalse(NodeReport.lost(nodes.get("n4")));
    assertFalse(NodeReport.lost(nodes.get("n5")));
  }

  @Test
  void hostLists() {
    assertEquals(List.of("node01", "node02", "node03", "node7", "gpu1"), HostList.expand("node[01-03,7],gpu1"));
    assertEquals(List.of("vm"), HostList.expand("vm"));
    assertEquals(List.of("a1-x", "a2-x"), HostList.expand("a[1-2]-x"));
    assertEquals(List.of(), HostList.expand(""));
  }

  @Test
  void clusterConfig() {
    ClusterConfig c = ClusterConfig.parse("AccountingStorageType   = accounting_storage/none\n"
        + "MaxArraySize            = 10001\nSLURM_VERSION           = 22.05.8\n");
    assertEquals(new ClusterConfig(false, 10001, "22.05.8"), c);
    assertTrue(ClusterConfig.parse("AccountingStorageType = accounting_storage/slurmdbd\n").accounting());
    assertEquals(ClusterConfig.ASSUMED, ClusterConfig.parse(""));
  }
}
