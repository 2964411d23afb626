package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.StoredJob;

/**
 * Another process using a job store: appends {@code N} jobs named {@code PREFIX-i}, one write
 * each. With a fourth argument {@code OTHER}, it also ends each of its jobs (SUCCEEDED) right after
 * recording it, and tries to end the job {@code OTHER-i} (CANCELLED) of the other process, as two
 * processes following each other's jobs do; it prints {@code SEEN n}, the other's jobs it found.
 */
public final class StoreAppender {

  private StoreAppender() {}

  public static void main(String[] args) {
    JobStore store = JobStore.open(Path.of(args[0]));
    int n = Integer.parseInt(args[2]);
    Optional<String> other = args.length > 3 ? Optional.of(args[3]) : Optional.empty();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      store.record(new StoredJob(args[1] + "-" + i, Path.of("/jobs/" + i), Instant.now(), Map.of("owner", args[1]),
          Optional.empty()));
      if (other.isPresent()) {
        store.markFinished(args[1] + "-" + i, JobState.SUCCEEDED);
        if (store.find(other.get() + "-" + i).isPresent()) {
          seen++;
          store.markFinished(other.get() + "-" + i, JobState.CANCELLED);
        }
      }
    }
    System.out.println("SEEN " + seen);
  }
}
