package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * docs/slurm.md's and docs/execution.md's retries examples, run on the Slurm cluster Slurm's
 * commands find (scripts/slurm-up.sh starts one here): skipped, saying why, where none answers,
 * failed where VIPB_REQUIRE_SLURM is set.
 */
@EnabledIfSlurm
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SlurmExamplesTest {

  private static final Boutiques BOUTIQUES = Boutiques.create();

  @TempDir
  Path tmp;

  @Test
  void theSlurmExampleRunsTheDocsToolOnTheClusterWithTheSiteSettingsPointedAtIt() throws Exception {
    ExecutorConfig documented = SlurmExample.config();
    Map<String, String> cluster = new HashMap<>();
    cluster.put("partition", defaultPartition());
    cluster.put("account", null);               // the submitter's own: this cluster has no "lab42"
    cluster.put("poll-interval", "250ms");
    cluster.put("cancel-on-close", "true");     // nothing left on the cluster if the test fails
    ExecutorConfig config = Configs.pointedAt(documented, tmp.resolve("jobs"), cluster);
    Descriptor tool = BOUTIQUES.load(Path.of("tool.json"));
    Invocation inv = BOUTIQUES.invocation(tool, Path.of("invocation.json"));

    String out = Printed.by(() -> SlurmExample.run(config, tool, inv));

    assertTrue(out.startsWith("SUCCEEDED in "), out);
    Path folder = Path.of(out.strip().substring("SUCCEEDED in ".length()));
    assertTrue(folder.startsWith(tmp.resolve("jobs")), "under the configured base directory: " + folder);
    assertEquals("bet t1.nii.gz brain -f 0.4\n", Files.readString(folder.resolve("brain.nii.gz")));
    assertEquals("partition=" + cluster.get("partition"), sbatchLine(folder, "partition"));
  }

  @Test
  void theRetriesExampleRetriesTheToolsTryAgainLaterOnTheCluster() throws Exception {
    // A tool that asks to be tried again (75) on its first run: its mark is outside the job folder,
    // which each attempt gets cleaned.
    Path mark = tmp.resolve("tried-once");
    String output = "retried-" + System.nanoTime() + ".txt";
    Path descriptor = Files.writeString(tmp.resolve("flaky.json"), "{\"name\": \"flaky\", \"description\": \"exits 75"
        + " once\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
        + " \"command-line\": \"if [ -e [MARK] ]; then echo second > [OUT]; else touch [MARK]; exit 75; fi\","
        + " \"inputs\": [{\"id\": \"mark\", \"name\": \"m\", \"type\": \"String\", \"value-key\": \"[MARK]\"},"
        + " {\"id\": \"out\", \"name\": \"o\", \"type\": \"String\", \"value-key\": \"[OUT]\"}],"
        + " \"output-files\": [{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]}");
    Descriptor tool = BOUTIQUES.load(descriptor);
    Invocation inv = BOUTIQUES.invocation(tool, Map.of("mark", mark.toString(), "out", output));

    String out = Printed.by(() -> RetryExample.run(tool, inv));

    List<String> lines = out.lines().toList();
    assertEquals(3, lines.size(), out);
    assertTrue(lines.get(0).matches("attempt 1 \\w+: exit code 75; next in PT30S"), out);
    assertTrue(lines.get(1).matches("1 \\S+ FAILED \\w+"), out);
    assertTrue(lines.get(2).matches("2 \\S+ SUCCEEDED NONE"), out);
    // The example's jobs are where the docs say by default: vip-boutiques-jobs/ in the current folder.
    try (Stream<Path> files = Files.walk(Path.of("vip-boutiques-jobs"))) {
      List<Path> made = files.filter(f -> f.getFileName().toString().equals(output)).toList();
      assertEquals(1, made.size(), "one output, made by the second attempt: " + made);
      assertEquals("second\n", Files.readString(made.get(0)));
    }
  }

  /** The partition sbatch uses when none is named (sinfo marks it with a star). */
  private static String defaultPartition() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sinfo", "--noheader", "--format=%P").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sinfo: " + text);
    return text.lines().map(String::strip).filter(s -> s.endsWith("*")).findFirst()
        .map(s -> s.substring(0, s.length() - 1)).orElseThrow(() -> new AssertionError("no default partition: " + text));
  }

  /** The {@code #SBATCH --KEY=...} line the executor wrote for the job, without its prefix. */
  private static String sbatchLine(Path folder, String key) throws IOException {
    return Files.readAllLines(folder.resolve(".vipb-slurm.sh")).stream().filter(l -> l.startsWith("#SBATCH --" + key + "="))
        .map(l -> l.substring("#SBATCH --".length())).findFirst().orElse("no #SBATCH --" + key);
  }
}
