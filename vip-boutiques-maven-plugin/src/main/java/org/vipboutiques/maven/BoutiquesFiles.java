package org.vipboutiques.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The descriptors and invocations of a folder, chosen by Ant-style patterns ({@code **}{@code /*.json}).
 * A file that matches an invocation pattern is an invocation, checked against the descriptor
 * whose name it starts with: {@code NAME.invocation.json} and {@code NAME.LABEL.invocation.json}
 * belong to {@code NAME.json} in the same folder. Every other file is a descriptor.
 */
record BoutiquesFiles(Path directory, List<Path> descriptors, List<Path> invocations) {

  static final String INVOCATION_SUFFIX = ".invocation.json";

  /** Scans {@code directory}; none when it does not exist (a project without descriptors). */
  static BoutiquesFiles scan(Path directory, List<String> includes, List<String> excludes,
      List<String> invocationIncludes) throws IOException {
    List<Path> descriptors = new ArrayList<>();
    List<Path> invocations = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      List<PathMatcher> in = matchers(includes);
      List<PathMatcher> out = matchers(excludes);
      List<PathMatcher> inv = matchers(invocationIncludes);
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          Path rel = directory.relativize(f);
          if (!Files.isRegularFile(f) || !matches(in, rel) || matches(out, rel)) {
            continue;
          }
          (matches(inv, rel) ? invocations : descriptors).add(f);
        }
      }
    }
    return new BoutiquesFiles(directory, List.copyOf(descriptors), List.copyOf(invocations));
  }

  /**
   * The descriptor an invocation belongs to: the longest {@code NAME} such that the file is
   * {@code NAME[.LABEL].invocation.json} and {@code NAME.json} is one of the descriptors.
   */
  Optional<Path> descriptorOf(Path invocation) {
    String file = invocation.getFileName().toString();
    String stem = file.endsWith(INVOCATION_SUFFIX) ? file.substring(0, file.length() - INVOCATION_SUFFIX.length())
        : file.replaceFirst("\\.json$", "");
    while (!stem.isEmpty()) {
      Path candidate = invocation.resolveSibling(stem + ".json");
      if (descriptors.contains(candidate)) {
        return Optional.of(candidate);
      }
      int dot = stem.lastIndexOf('.');
      if (dot < 0) {
        break;
      }
      stem = stem.substring(0, dot);
    }
    return Optional.empty();
  }

  private static List<PathMatcher> matchers(List<String> patterns) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String p : patterns) {
      String glob = p.replace('\\', '/');
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      // Ant's **/ also matches no folder at all; a Java glob's does not.
      while (glob.startsWith("**/")) {
        glob = glob.substring(3);
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      }
    }
    return matchers;
  }

  private static boolean matches(List<PathMatcher> matchers, Path relative) {
    return matchers.stream().anyMatch(m -> m.matches(relative));
  }
}
