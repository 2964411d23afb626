package org.vipboutiques.dirac.wrapper;

import java.util.Optional;

/**
 * The wrapper's exit codes, one per failure class, so DIRAC's ApplicationStatus and the summary
 * tell at once what went wrong. None is 222, which DIRAC reads as "reschedule this job".
 */
public enum WrapperExit {
  /** The tool exited 0 and its outputs were uploaded. */
  OK(0, "ok"),
  /** The job's files were missing or unreadable on the worker. */
  SETUP(70, "setup"),
  /** An {@code lfn:} input could not be fetched ({@code dirac-dms-get-file}). */
  DOWNLOAD(71, "download"),
  /** The tool exited with another code, or timed out. */
  TOOL(72, "tool"),
  /** An output could not be uploaded ({@code dirac-dms-add-file}). */
  UPLOAD(73, "upload"),
  /** The container could not be pulled or started. */
  CONTAINER(74, "container");

  private final int code;
  private final String className;

  WrapperExit(int code, String className) {
    this.code = code;
    this.className = className;
  }

  public int code() {
    return code;
  }

  /** The {@code class} written in the summary. */
  public String className() {
    return className;
  }

  public static Optional<WrapperExit> ofCode(int code) {
    for (WrapperExit e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public static Optional<WrapperExit> ofClass(String name) {
    for (WrapperExit e : values()) {
      if (e.className.equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
