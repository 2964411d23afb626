package org.vipboutiques.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.execution.job.StoredJob;

/** Another process using a job store: appends {@code N} jobs named {@code PREFIX-i}, one write each. */
public final class StoreAppender {

  private StoreAppender() {}

  public static void main(String[] args) {
    JobStore store = JobStore.open(Path.of(args[0]));
    int n = Integer.parseInt(args[2]);
    for (int i = 0; i < n; i++) {
      store.record(new StoredJob(args[1] + "-" + i, Path.of("/jobs/" + i), Instant.now(), Map.of(), Optional.empty()));
    }
  }
}
