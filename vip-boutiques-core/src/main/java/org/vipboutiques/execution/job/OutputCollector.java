package org.vipboutiques.execution.job;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.OutputFile;
import org.vipboutiques.execution.MissingOutput;

/**
 * Finds the outputs a run produced: each output path, relative to the job folder, read as a
 * glob ({@code *}, {@code ?}, {@code [...]} per path segment, as Python's {@code glob} reads it).
 */
public final class OutputCollector {

  /** What was found, by output id, and what was not. */
  public record Found(Map<String, List<Path>> files, List<MissingOutput> missing) {}

  private OutputCollector() {}

  public static Found collect(Descriptor descriptor, Simulation simulation, Path folder) {
    Map<String, List<Path>> files = new LinkedHashMap<>();
    List<MissingOutput> missing = new ArrayList<>();
    for (OutputFile output : descriptor.outputFiles()) {
      String path = simulation.outputFiles().get(output.id());
      if (path == null) {
        continue;
      }
      List<Path> matches = glob(folder, path);
      if (matches.isEmpty()) {
        missing.add(new MissingOutput(output.id(), path, output.optional()));
      } else {
        files.put(output.id(), matches);
      }
    }
    return new Found(files, missing);
  }

  /** The existing paths matching {@code pattern}, relative to {@code folder} unless absolute, sorted. */
  public static List<Path> glob(Path folder, String pattern) {
    Path start = pattern.startsWith("/") ? Path.of("/") : folder;
    String[] segments = pattern.split("/+");
    List<Path> current = List.of(start);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      List<Path> next = new ArrayList<>();
      boolean wild = segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
      for (Path base : current) {
        if (!wild) {
          Path p = base.resolve(segment);
          if (Files.exists(p) || segment.equals(".") || segment.equals("..")) {
            next.add(p);
          }
          continue;
        }
        PathMatcher matcher;
        try {
          matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment.replace("\\", "\\\\"));
        } catch (RuntimeException e) {
          continue;
        }
        boolean dotAllowed = segment.startsWith(".");
        try (Stream<Path> children = Files.list(base)) {
          children.filter(c -> {
            String name = c.getFileName().toString();
            return (dotAllowed || !name.startsWith(".")) && matcher.matches(c.getFileName());
          }).sorted().forEach(next::add);
        } catch (IOException e) {
          // not a folder, or unreadable: no match there
        }
      }
      current = next;
      if (current.isEmpty()) {
        break;
      }
    }
    // A set keeps the first of equal paths in a time linear in the matches (a list's contains
    // made 40,000 matches take minutes).
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : current) {
      Path n = p.normalize();
      if (!out.contains(n) && Files.exists(n)) {
        out.add(n);
      }
    }
    return new ArrayList<>(out);
  }
}
