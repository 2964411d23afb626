package org.vipboutiques.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.descriptor.Descriptor;

/** How one file fared: its problems (none when valid) and, for a valid descriptor, its typed view. */
record FileCheck(Path file, List<Problem> problems, Optional<Descriptor> descriptor) {

  FileCheck {
    problems = List.copyOf(problems);
  }

  boolean valid() {
    return problems.isEmpty();
  }
}
