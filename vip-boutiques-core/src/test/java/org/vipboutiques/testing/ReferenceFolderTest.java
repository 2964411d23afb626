package org.vipboutiques.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.testing.tolerance.ComparisonException;

/** Reference files of vip:reference are read only under the descriptor's folder, links followed. */
class ReferenceFolderTest {

  @Test
  void aLinkOutOfTheDescriptorsFolderIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("descriptor"));
    Path secret = Files.writeString(dir.resolve("secret.tsv"), "password\t1\n");
    Path link = Files.createSymbolicLink(folder.resolve("ref.tsv"), secret);
    ComparisonException e = assertThrows(ComparisonException.class, () -> ToolTestRunner.inFolder(folder, link));
    assertTrue(e.getMessage().contains("outside the reference folder"), e.getMessage());
    assertFalse(e.getMessage().contains("password"), e.getMessage());
    Path up = Files.createSymbolicLink(folder.resolve("up"), dir);
    assertThrows(ComparisonException.class, () -> ToolTestRunner.inFolder(folder, up.resolve("secret.tsv")));
  }

  @Test
  void filesAndLinksInsideTheFolderAreRead(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("descriptor/ref"));
    Path real = Files.writeString(folder.resolve("t.tsv"), "1\n");
    ToolTestRunner.inFolder(dir.resolve("descriptor"), real);
    ToolTestRunner.inFolder(dir.resolve("descriptor"), Files.createSymbolicLink(folder.resolve("l.tsv"), real));
    ToolTestRunner.inFolder(dir.resolve("descriptor"), folder.resolve("missing.tsv"));
  }
}
