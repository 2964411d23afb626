package org.vipboutiques.dirac.testgrid;

import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.dirac.jdl.ParsedJdl;
import org.vipboutiques.dirac.monitor.DiracState;

/** One job of the test grid: its JDL, its state, its sandboxes and its history. */
public final class GridJob {
  final long id;
  final String owner;
  final ParsedJdl jdl;
  final String name;
  final Behaviour behaviour;
  volatile DiracState status;
  volatile String minor;
  volatile String application = "Unknown";
  volatile String site = "ANY";
  volatile long since = System.currentTimeMillis();
  volatile long lastRecord = System.currentTimeMillis();
  volatile String outputPfn;
  final List<String> inputPfns = new ArrayList<>();
  final List<String> history = new ArrayList<>();
  volatile Process process;
  volatile boolean running;
  volatile boolean exited;
  volatile int exitCode;
  volatile boolean stallDone;
  volatile boolean rescheduled;
  volatile long stalledAt;
  volatile int attempt;

  GridJob(long id, String owner, ParsedJdl jdl, Behaviour behaviour, DiracState status, String minor) {
    this.id = id;
    this.owner = owner;
    this.jdl = jdl;
    this.name = jdl.string("JobName").orElse("Unknown");
    this.behaviour = behaviour;
    this.status = status;
    this.minor = minor;
    history.add(status + " / " + minor);
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ParsedJdl jdl() {
    return jdl;
  }

  public DiracState status() {
    return status;
  }

  public String minorStatus() {
    return minor;
  }

  public synchronized List<String> history() {
    return List.copyOf(history);
  }
}
