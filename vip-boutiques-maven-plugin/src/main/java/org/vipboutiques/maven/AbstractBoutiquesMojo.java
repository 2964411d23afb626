package org.vipboutiques.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals share: which files, and where the reports go. */
abstract class AbstractBoutiquesMojo extends AbstractMojo {

  /** The folder of descriptors and invocations. */
  @Parameter(property = "vipboutiques.directory", defaultValue = "${project.basedir}/src/main/boutiques")
  File directory;

  /** Patterns (Ant style, relative to {@code directory}) of the files to check. */
  @Parameter(defaultValue = "**/*.json")
  List<String> includes;

  /** Patterns of files to leave out. */
  @Parameter
  List<String> excludes = List.of();

  /**
   * Patterns of the included files that are invocations, not descriptors: {@code NAME.invocation.json}
   * or {@code NAME.LABEL.invocation.json} is checked against {@code NAME.json} in its folder.
   */
  @Parameter(defaultValue = "**/*" + BoutiquesFiles.INVOCATION_SUFFIX)
  List<String> invocationIncludes;

  /** Where the Surefire-style XML reports are written. */
  @Parameter(property = "vipboutiques.reportsDirectory", defaultValue = "${project.build.directory}/boutiques-reports")
  File reportsDirectory;

  /** The project folder: file names in messages are relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  BoutiquesFiles files() throws MojoExecutionException {
    try {
      return BoutiquesFiles.scan(directory.toPath().toAbsolutePath().normalize(), nonNull(includes),
          nonNull(excludes), nonNull(invocationIncludes));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  Path base() {
    return basedir.toPath().toAbsolutePath().normalize();
  }

  /** A file's name in messages and reports: relative to the project, with forward slashes. */
  String name(Path file) {
    Path base = base();
    Path f = file.toAbsolutePath().normalize();
    return (f.startsWith(base) ? base.relativize(f) : f).toString().replace(File.separatorChar, '/');
  }

  private static List<String> nonNull(List<String> list) {
    return list == null ? List.of() : list;
  }
}
