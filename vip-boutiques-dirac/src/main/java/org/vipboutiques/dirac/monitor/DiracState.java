package org.vipboutiques.dirac.monitor;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobState;

/**
 * DIRAC's job states, their allowed transitions (DIRAC v9 / DIRACCommon), and what each means
 * for the executor API. Done, Completed, Failed and Killed are final for DIRAC; Deleted is
 * "really final". Completed may still move to Done or Failed, so the executor waits a grace
 * period before taking it as the end.
 */
public enum DiracState {
  SUBMITTING("Submitting"),
  RECEIVED("Received"),
  CHECKING("Checking"),
  SCOUTING("Scouting"),
  STAGING("Staging"),
  WAITING("Waiting"),
  MATCHED("Matched"),
  RESCHEDULED("Rescheduled"),
  RUNNING("Running"),
  STALLED("Stalled"),
  COMPLETING("Completing"),
  COMPLETED("Completed"),
  DONE("Done"),
  FAILED("Failed"),
  KILLED("Killed"),
  DELETED("Deleted");

  private static final Map<DiracState, Set<DiracState>> NEXT = Map.ofEntries(
      Map.entry(SUBMITTING, EnumSet.of(RECEIVED, CHECKING, DELETED, KILLED)),
      Map.entry(RECEIVED, EnumSet.of(SCOUTING, CHECKING, WAITING, FAILED, DELETED, KILLED, STAGING)),
      Map.entry(CHECKING, EnumSet.of(SCOUTING, STAGING, WAITING, RESCHEDULED, FAILED, DELETED, KILLED)),
      Map.entry(SCOUTING, EnumSet.of(CHECKING, FAILED, STALLED, KILLED)),
      Map.entry(STAGING, EnumSet.of(CHECKING, WAITING, FAILED, KILLED)),
      Map.entry(WAITING, EnumSet.of(MATCHED, RESCHEDULED, DELETED, KILLED)),
      Map.entry(MATCHED, EnumSet.of(RUNNING, FAILED, RESCHEDULED, KILLED)),
      Map.entry(RESCHEDULED, EnumSet.of(WAITING, RECEIVED, DELETED, FAILED, KILLED)),
      Map.entry(RUNNING, EnumSet.of(STALLED, DONE, FAILED, RESCHEDULED, COMPLETING, KILLED, RECEIVED)),
      Map.entry(STALLED, EnumSet.of(RUNNING, FAILED, KILLED)),
      Map.entry(COMPLETING, EnumSet.of(DONE, FAILED, COMPLETED, STALLED, KILLED)),
      Map.entry(COMPLETED, EnumSet.of(DONE, FAILED)),
      Map.entry(DONE, EnumSet.of(DELETED)),
      Map.entry(FAILED, EnumSet.of(RESCHEDULED, DELETED)),
      Map.entry(KILLED, EnumSet.of(DELETED)),
      Map.entry(DELETED, EnumSet.noneOf(DiracState.class)));

  private final String diracName;

  DiracState(String diracName) {
    this.diracName = diracName;
  }

  /** The name DIRAC uses: {@code Waiting}, {@code Done}, ... */
  public String diracName() {
    return diracName;
  }

  public static Optional<DiracState> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (DiracState s : values()) {
      if (s.diracName.toLowerCase(Locale.ROOT).equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether DIRAC allows this state to move to {@code next}. */
  public boolean canMoveTo(DiracState next) {
    return NEXT.get(this).contains(next);
  }

  /** Final for DIRAC: Done, Completed, Failed, Killed, Deleted. */
  public boolean isFinal() {
    return this == DONE || this == COMPLETED || this == FAILED || this == KILLED || this == DELETED;
  }

  /** The executor state while the job is in this DIRAC state (final ones: see the executor). */
  public JobState jobState() {
    return switch (this) {
      case SUBMITTING, RECEIVED, CHECKING, SCOUTING, STAGING, WAITING, MATCHED, RESCHEDULED -> JobState.QUEUED;
      case RUNNING, STALLED, COMPLETING, COMPLETED -> JobState.RUNNING;
      case DONE -> JobState.SUCCEEDED;
      case FAILED -> JobState.FAILED;
      case KILLED, DELETED -> JobState.CANCELLED;
    };
  }

  @Override
  public String toString() {
    return diracName;
  }
}
