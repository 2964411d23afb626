package org.vipboutiques.dirac.testgrid;

/** How a test-grid job misbehaves (faults on demand), given to the next jobs created. */
public enum Behaviour {
  /** Runs normally. */
  NORMAL,
  /** Stalled for a while once running, then running again, then ends normally. */
  STALL_THEN_RUN,
  /** Stalled once running, then Failed by the watchdog. */
  STALL_THEN_FAIL,
  /** Rescheduled once while running, then runs again to the end. */
  RESCHEDULE_ONCE,
  /** Fails before running: "Input Data Not Available". */
  FAIL_BEFORE_RUNNING
}
