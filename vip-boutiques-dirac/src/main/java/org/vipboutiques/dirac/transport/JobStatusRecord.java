package org.vipboutiques.dirac.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * One job's status as DIRAC reports it.
 *
 * @param status DIRAC's major status ({@code Waiting}, {@code Done}, ...)
 * @param jobName the JDL's JobName, when the transport reports it
 */
public record JobStatusRecord(long jobId, String status, String minorStatus, String applicationStatus, String site,
    Optional<String> jobName) {

  public JobStatusRecord {
    Objects.requireNonNull(status, "status");
    minorStatus = minorStatus == null ? "" : minorStatus;
    applicationStatus = applicationStatus == null ? "" : applicationStatus;
    site = site == null ? "" : site;
    Objects.requireNonNull(jobName, "jobName");
  }

  /** {@code Done (Execution Complete)}. */
  public String describe() {
    return minorStatus.isEmpty() ? status : status + " (" + minorStatus + ")";
  }
}
