package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outputs that came back in an output sandbox ({@code vipb-outputs.tar}), unpacked into the
 * job folder only as far as they match the wrapper's summary: every reported path is a path under
 * the run folder, the archive holds nothing but the reported outputs, nothing is written through
 * a link in the job folder (an input linked there), and each file came back with the size the
 * wrapper measured. Anything else is a problem, never a success with empty or missing files.
 */
public final class SandboxOutputs {

  private SandboxOutputs() {}

  /** Unpacks {@code tar} into {@code folder}; the reason the outputs cannot be trusted, if any. */
  public static Optional<String> unpack(ResultSummary summary, Path tar, Path folder, SandboxArchive.Limits limits) {
    List<String> inSandbox = new ArrayList<>();
    for (ResultSummary.Output o : summary.outputs()) {
      if (!isRunPath(o.path())) {
        return Optional.of("the wrapper reported output \"" + o.id() + "\" at \"" + o.path() + "\", which is not a"
            + " path under the worker's run folder; the output sandbox was not unpacked (a wrapper of an older"
            + " vip-boutiques? submit the job again)");
      }
      if (o.inSandbox()) {
        inSandbox.add(o.path());
      }
    }
    if (inSandbox.isEmpty()) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(tar, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("the output sandbox has no " + GridJobPlanner.OUTPUTS_TAR + " although the wrapper reported"
          + " outputs in it: " + String.join(", ", inSandbox));
    }
    try (InputStream in = Files.newInputStream(tar)) {
      SandboxArchive.extract(in, "tar", folder, limits,
          name -> inSandbox.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "/")));
    } catch (IOException e) {
      return Optional.of("the outputs in the output sandbox are refused: " + e.getMessage());
    }
    for (ResultSummary.Output o : summary.outputs()) {
      if (!o.inSandbox()) {
        continue;
      }
      Path f = folder.resolve(o.path());
      if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("output \"" + o.id() + "\" (" + o.path() + ") was reported in the output sandbox but did"
            + " not come back as a file (a link or special file on the worker?)");
      }
      try {
        long size = Files.size(f);
        if (size != o.size()) {
          return Optional.of("output \"" + o.id() + "\" (" + o.path() + ") came back with " + size + " bytes; the"
              + " wrapper measured " + o.size() + " on the worker");
        }
      } catch (IOException e) {
        return Optional.of("cannot read the output " + f + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** A relative path without empty, {@code .} or {@code ..} steps: one that names something under the run folder. */
  static boolean isRunPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
