package org.vipboutiques.dirac.transport;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.vipboutiques.dirac.DiracException;

/**
 * How the executor talks to DIRAC: the DiracX REST API or the DIRAC command line. Implementations
 * are thread-safe.
 */
public interface DiracTransport extends AutoCloseable {

  /** {@code diracx} or {@code cli}. */
  String name();

  /**
   * Submits jobs. Never assigns ids by position across independent submissions; never repeats a
   * submission whose outcome is unknown without first looking the jobs up.
   */
  SubmitResult submit(GridSubmission submission) throws DiracException;

  /** The status of many jobs in as few requests as the transport allows; unknown ids are absent. */
  List<JobStatusRecord> status(Collection<Long> jobIds) throws DiracException;

  /** Jobs already submitted under these keys (JobNames); empty when the transport cannot search. */
  Map<String, Long> findByName(Collection<String> keys) throws DiracException;

  /** Whether {@link #findByName} can find jobs. */
  boolean canSearchByName();

  /** Asks DIRAC to kill the jobs (jobs already ended are left as they are). */
  void kill(Collection<Long> jobIds) throws DiracException;

  /** Marks the jobs deleted. */
  void delete(Collection<Long> jobIds) throws DiracException;

  /**
   * Downloads a job's output sandbox into {@code folder} (created), unpacked.
   *
   * @return whether the job had an output sandbox
   */
  boolean fetchOutput(long jobId, Path folder) throws DiracException;

  @Override
  void close();
}
