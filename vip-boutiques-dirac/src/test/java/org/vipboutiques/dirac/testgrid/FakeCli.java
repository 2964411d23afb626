package org.vipboutiques.dirac.testgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlParser;
import org.vipboutiques.dirac.jdl.ParsedJdl;
import org.vipboutiques.dirac.monitor.DiracState;
import org.vipboutiques.dirac.wrapper.SandboxArchive;

/** What DIRAC's {@code dirac-wms-*} commands print, computed by the test grid (formats of dirac.md). */
final class FakeCli {

  private FakeCli() {}

  static JsonObject run(TestGrid grid, JsonObject req) {
    String cmd = req.get("cmd").getAsString();
    List<String> args = new ArrayList<>();
    for (JsonElement e : req.getAsJsonArray("args")) {
      args.add(e.getAsString());
    }
    Path cwd = Path.of(req.get("cwd").getAsString());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int exit = switch (cmd) {
      case "dirac-wms-job-submit" -> submit(grid, args, cwd, out);
      case "dirac-wms-job-status" -> status(grid, args, out);
      case "dirac-wms-job-get-output" -> output(grid, args, cwd, out);
      case "dirac-wms-job-kill" -> change(grid, args, DiracState.KILLED, "Killed jobs ", out);
      case "dirac-wms-job-delete" -> change(grid, args, DiracState.DELETED, "Deleted jobs ", out);
      default -> {
        err.append("unknown command ").append(cmd).append('\n');
        yield 1;
      }
    };
    JsonObject o = new JsonObject();
    o.addProperty("stdout", out.toString());
    o.addProperty("stderr", err.toString());
    o.addProperty("exit", exit);
    return o;
  }

  private static int submit(TestGrid grid, List<String> files, Path cwd, StringBuilder out) {
    List<String> errors = new ArrayList<>();
    for (String f : files) {
      Path file = cwd.resolve(f);
      try {
        if (grid.takeCliSubmitError()) {
          throw new JdlException("Job submission refused by the test grid");
        }
        ParsedJdl p = JdlParser.parse(Files.readString(file));
        if (TestGrid.refused(p) != null) {
          throw new JdlException("JDL syntax error");
        }
        // Local input sandbox files are uploaded by the client as one sandbox.
        Map<String, byte[]> local = new LinkedHashMap<>();
        List<String> keep = new ArrayList<>();
        for (String s : p.list("InputSandbox")) {
          if (s.startsWith("SB:") || s.startsWith("LFN:")) {
            keep.add(s);
          } else {
            Path src = file.getParent().resolve(s);
            local.put(src.getFileName().toString(), Files.readAllBytes(src));
          }
        }
        if (!local.isEmpty()) {
          keep.add(grid.storeSandbox(SandboxArchive.archive(local, "tar.bz2"), "tar.bz2"));
        }
        StringBuilder list = new StringBuilder("{");
        for (String k : keep) {
          list.append(list.length() > 1 ? "," : "").append('"').append(k).append('"');
        }
        p = p.with("InputSandbox", list.append('}').toString());
        List<ParsedJdl> jobs = JdlParser.expand(p);
        if (jobs.size() > 20) {
          throw new JdlException("Normal user cannot submit more than 20 jobs at once");
        }
        List<Long> ids = new ArrayList<>();
        for (ParsedJdl j : jobs) {
          // DIRAC confirms a bulk submission itself: parametric jobs start Received.
          ids.add(grid.create(j, DiracState.RECEIVED, "Job accepted").id());
        }
        if (p.has("Parameters")) {
          out.append("JobID = ").append(ids).append('\n');
        } else {
          out.append("JobID = ").append(ids.get(0)).append('\n');
        }
      } catch (JdlException | IOException | RuntimeException e) {
        errors.add("ERROR " + f + ": " + e.getMessage());
      }
    }
    errors.forEach(e -> out.append(e).append('\n'));
    return errors.isEmpty() ? 0 : 2;
  }

  private static int status(TestGrid grid, List<String> args, StringBuilder out) {
    List<GridJob> found = new ArrayList<>();
    for (String a : args) {
      GridJob j = grid.jobsMap().get(Long.parseLong(a));
      if (j == null || !j.owner.equals(TestGrid.USER)) {
        out.setLength(0);
        out.append("ERROR: Job ").append(a).append(" not found\n");
        return 2;
      }
      found.add(j);
    }
    for (GridJob j : found) {
      // Key order varies with the job; ApplicationStatus appears sometimes.
      if (j.id % 2 == 0) {
        out.append("JobID=").append(j.id).append(" Status=").append(j.status.diracName()).append("; MinorStatus=")
            .append(j.minor).append("; Site=").append(j.site).append(";\n");
      } else {
        out.append("JobID=").append(j.id).append(" MinorStatus=").append(j.minor).append("; Site=").append(j.site)
            .append("; ApplicationStatus=").append(j.application).append("; Status=").append(j.status.diracName())
            .append(";\n");
      }
    }
    return 0;
  }

  private static int output(TestGrid grid, List<String> args, Path cwd, StringBuilder out) {
    Path dir = cwd;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-D")) {
        dir = cwd.resolve(args.get(++i));
      } else {
        ids.add(args.get(i));
      }
    }
    int exit = 0;
    for (String id : ids) {
      GridJob j = grid.jobsMap().get(Long.parseLong(id));
      Path target = dir.resolve(id);
      if (Files.exists(target)) {
        continue; // DIRAC skips ids whose folder exists
      }
      if (j == null || j.outputPfn == null || !j.status.isFinal()) {
        out.append("ERROR ").append(id).append(": No output sandbox registered for job\n");
        exit = 2;
        continue;
      }
      try {
        byte[] sb = grid.sandbox(j.outputPfn);
        SandboxArchive.extract(new ByteArrayInputStream(sb), SandboxArchive.formatOf(j.outputPfn), target);
        out.append("Job output sandbox retrieved in ").append(target).append("/\n");
      } catch (IOException e) {
        out.append("ERROR ").append(id).append(": ").append(e.getMessage()).append('\n');
        exit = 2;
      }
    }
    return exit;
  }

  private static int change(TestGrid grid, List<String> args, DiracState state, String done, StringBuilder out) {
    List<String> ok = new ArrayList<>();
    for (String a : args) {
      GridJob j = grid.jobsMap().get(Long.parseLong(a));
      if (j == null || !j.owner.equals(TestGrid.USER)) {
        out.append("ERROR No job ").append(a).append('\n');
        return 2;
      }
      if (j.status.canMoveTo(state)) {
        if (state == DiracState.KILLED || state == DiracState.DELETED) {
          grid.killed(j);
        }
        grid.move(j, state, state == DiracState.KILLED ? "Marked for termination" : "Marked for deletion", false);
      }
      ok.add(a);
    }
    out.append(done).append(String.join(",", ok)).append('\n');
    return 0;
  }
}
