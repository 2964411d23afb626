package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of every module has a package-info.java: what the javadoc jars show first. */
class PackageInfoTest {

  @Test
  void everyPackageIsDescribed() throws IOException {
    Path root = Markdown.projectRoot();
    List<String> undescribed;
    try (Stream<Path> files = Files.walk(root, 12)) {
      undescribed = files
          .filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
              && !root.relativize(f).toString().contains("target/"))
          .map(Path::getParent).distinct()
          .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
          .map(root::relativize).map(Path::toString).sorted().collect(Collectors.toList());
    }
    assertEquals(List.of(), undescribed);
  }
}
