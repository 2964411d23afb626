package org.vipboutiques.slurm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;

/**
 * The other JVM of {@link SlurmSharedStoreTest}, on the same job store (the default one of the
 * jobs folder). Arguments: jobs folder, mode, and for {@code stress} a count.
 * <ul>
 *   <li>{@code pair}: submits one job, prints {@code SUBMITTED id}, reads the other JVM's job id on
 *       its input, re-attaches it, waits for it and prints {@code ATTACHED id STATE}; its own job
 *       is left running for the other JVM to follow.</li>
 *   <li>{@code stress}: submits N jobs one by one and N more as one array, prints
 *       {@code SUBMITTED id} for each, waits for them, prints {@code DONE}.</li>
 * </ul>
 */
public final class SlurmStoreChild {

  private SlurmStoreChild() {}

  static Descriptor tool() {
    return Tools.tool("sleep [CODE]; echo [TEXT] > out.txt",
        "[{\"id\": \"out\", \"name\": \"out\", \"path-template\": \"out.txt\"}]");
  }

  static JobRequest request(String text, int seconds) {
    Descriptor d = tool();
    return JobRequest.builder(d, Tools.invocation(d, "{\"text\": \"" + text + "\", \"code\": " + seconds + "}"))
        .build();
  }

  public static void main(String[] args) throws Exception {
    Path jobs = Path.of(args[0]);
    try (SlurmExecutor executor = SlurmCluster.executor(jobs, Map.of("cancel-on-close", "false"))) {
      if (args[1].equals("pair")) {
        Job mine = executor.submit(request("child", 4));
        say("SUBMITTED " + mine.id());
        String theirs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().strip();
        Job attached = executor.attach(theirs).orElseThrow(() -> new AssertionError("cannot re-attach " + theirs));
        JobResult r = attached.await();
        say("ATTACHED " + attached.id() + " " + r.state());
      } else {
        int n = Integer.parseInt(args[2]);
        List<Job> submitted = new ArrayList<>();
        List<JobRequest> array = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Job j = executor.submit(request("child-" + i, 0));
          submitted.add(j);
          say("SUBMITTED " + j.id());
          array.add(request("child-array-" + i, 0));
        }
        for (Job j : executor.submitAll(array)) {
          submitted.add(j);
          say("SUBMITTED " + j.id());
        }
        for (Job j : submitted) {
          JobResult r = j.await();
          if (!r.succeeded()) {
            throw new AssertionError(j.id() + " " + r);
          }
        }
        say("DONE");
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
