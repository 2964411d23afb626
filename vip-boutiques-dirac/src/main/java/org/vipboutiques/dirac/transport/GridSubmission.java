package org.vipboutiques.dirac.transport;

import java.util.List;
import java.util.Objects;
import org.vipboutiques.dirac.jdl.Jdl;

/**
 * Jobs of one descriptor that go out together: each job's key and JDL (without
 * {@code InputSandbox}, which the transport fills in) and the sandbox they share.
 */
public record GridSubmission(List<Entry> jobs, SandboxContent sandbox) {

  public GridSubmission {
    jobs = List.copyOf(jobs);
    Objects.requireNonNull(sandbox, "sandbox");
  }

  /** One job: its key (also its JobName) and its JDL. */
  public record Entry(String key, Jdl jdl) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(jdl, "jdl");
    }
  }
}
