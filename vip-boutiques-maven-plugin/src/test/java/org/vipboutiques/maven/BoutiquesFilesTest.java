package org.vipboutiques.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoutiquesFilesTest {

  @TempDir
  Path dir;

  private Path touch(String name) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{}");
    return p;
  }

  @Test
  void sortsDescriptorsFromInvocationsAndPairsThemByName() throws Exception {
    Path tool = touch("tool.json");
    Path toolV2 = touch("tool.v2.json");
    Path nested = touch("sub/other.json");
    Path inv = touch("tool.invocation.json");
    Path labelled = touch("tool.small.invocation.json");
    Path v2 = touch("tool.v2.invocation.json");
    Path orphan = touch("sub/nobody.invocation.json");
    touch("notes.txt");
    touch("skip/me.json");

    BoutiquesFiles files = BoutiquesFiles.scan(dir, List.of("**/*.json"), List.of("skip/**"),
        List.of("**/*" + BoutiquesFiles.INVOCATION_SUFFIX));

    assertEquals(List.of(nested, tool, toolV2), files.descriptors());
    assertEquals(List.of(orphan, inv, labelled, v2), files.invocations());
    assertEquals(Optional.of(tool), files.descriptorOf(inv));
    assertEquals(Optional.of(tool), files.descriptorOf(labelled));
    assertEquals(Optional.of(toolV2), files.descriptorOf(v2));
    assertEquals(Optional.empty(), files.descriptorOf(orphan));
  }

  @Test
  void aMissingFolderHasNoFiles() throws Exception {
    BoutiquesFiles files = BoutiquesFiles.scan(dir.resolve("absent"), List.of("**/*.json"), List.of(), List.of());
    assertTrue(files.descriptors().isEmpty() && files.invocations().isEmpty());
  }
}
