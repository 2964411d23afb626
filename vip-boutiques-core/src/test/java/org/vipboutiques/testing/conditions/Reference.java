package org.vipboutiques.testing.conditions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference implementation (bosh) and the python3 that runs it. The folder: {@code
 * VIPB_REFERENCE} (the folder holding {@code boutiques-ref}), else {@code shared/reference-impl}
 * beside the project or above it. The python: {@code VIPB_PYTHON} alone where set, else the first
 * of {@code python3} on the PATH and Debian's {@code /usr/bin/python3} that imports every module the
 * reference needs. Looked for once per JVM; tests run the reference through {@link #bosh} so that
 * they use the python the condition judged.
 */
public final class Reference {

  /** The modules the reference imports beyond the standard library (Debian's python3-* packages). */
  static final List<String> MODULES = List.of("simplejson", "jsonschema", "termcolor", "tabulate");
  private static final String FIX = "install Debian's python3-simplejson python3-jsonschema python3-termcolor "
      + "python3-tabulate, or set VIPB_PYTHON to a python3 that has them";
  private static final long TIMEOUT_SECONDS = 30;

  private Reference() {}

  /** Whether the reference can run here. */
  public static Probe probe() {
    return Cached.PROBE;
  }

  /** The folder holding the reference's package {@code boutiques} (reference-impl/boutiques-ref). */
  public static Path folder() {
    return Cached.FOLDER.orElseThrow(() -> new IllegalStateException(Cached.PROBE.detail()));
  }

  /** The python3 that runs the reference. */
  public static Path python() {
    return Cached.PYTHON.orElseThrow(() -> new IllegalStateException(Cached.PROBE.detail()));
  }

  /** The command that runs {@code bosh ARGS...} with {@link #python()} on {@link #folder()}. */
  public static List<String> bosh(String... args) {
    List<String> command = new ArrayList<>(List.of(python().toString(), "-c",
        "import sys; sys.path.insert(0, sys.argv.pop(1)); from boutiques.bosh import bosh; "
            + "sys.exit(bosh(sys.argv[1:]) or 0)",
        folder().toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static final class Cached {
    static final Optional<Path> FOLDER = locateFolder();
    static final List<String> TRIED = new ArrayList<>();
    static final Optional<Path> PYTHON = FOLDER.flatMap(f -> locatePython(f, TRIED));
    static final Probe PROBE = FOLDER.isEmpty()
        ? Probe.absent("the reference implementation is not here (no shared/reference-impl/boutiques-ref beside or "
            + "above " + Path.of("").toAbsolutePath() + "; VIPB_REFERENCE names its folder)")
        : PYTHON.isEmpty() ? Probe.absent("no python3 here runs the reference: " + String.join("; ", TRIED) + ": " + FIX)
        : Probe.present("the reference in " + FOLDER.get() + " on " + PYTHON.get());
  }

  private static Optional<Path> locateFolder() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("VIPB_REFERENCE")).filter(s -> !s.isBlank())
        .ifPresent(s -> candidates.add(Path.of(s)));
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      candidates.add(p.resolve("../shared/reference-impl").normalize());
      candidates.add(p.resolve("shared/reference-impl"));
    }
    return candidates.stream().map(c -> c.resolve("boutiques-ref"))
        .filter(c -> Files.isDirectory(c.resolve("boutiques"))).findFirst();
  }

  private static Optional<Path> locatePython(Path folder, List<String> tried) {
    Set<Path> candidates = new LinkedHashSet<>();
    String chosen = System.getenv("VIPB_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      candidates.add(Path.of(chosen));
    } else {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
          candidates.add(Path.of(dir, "python3"));
          break;
        }
      }
      candidates.add(Path.of("/usr/bin/python3"));
    }
    for (Path python : candidates) {
      Optional<String> missing = missing(python, folder);
      if (missing.isEmpty()) {
        return Optional.of(python);
      }
      tried.add(python + (chosen != null && !chosen.isBlank() ? " (VIPB_PYTHON)" : "") + " " + missing.get());
    }
    return Optional.empty();
  }

  /** What {@code python} lacks to run the reference in {@code folder}, or empty. */
  static Optional<String> missing(Path python, Path folder) {
    if (!Files.isExecutable(python)) {
      return Optional.of("does not exist");
    }
    String check = "import sys; sys.path.insert(0, sys.argv[1]); import " + String.join(", ", MODULES)
        + "; import boutiques.bosh";
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", check, folder.toString()).redirectErrorStream(true)
          .start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      });
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("gave no answer within " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() == 0) {
        return Optional.empty();
      }
      List<String> lines = out.join().strip().lines().toList();
      return Optional.of("fails: " + (lines.isEmpty() ? "exit code " + p.exitValue() : lines.get(lines.size() - 1)));
    } catch (IOException e) {
      return Optional.of("does not run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
