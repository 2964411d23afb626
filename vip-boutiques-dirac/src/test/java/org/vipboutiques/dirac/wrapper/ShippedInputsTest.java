package org.vipboutiques.dirac.wrapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.dirac.DiracSettings;
import org.vipboutiques.dirac.Tools;
import org.vipboutiques.execution.JobRejectedException;
import org.vipboutiques.execution.JobRequest;

/**
 * Local inputs shipped in the input sandbox are checked for type and size before any is read
 * (issue 11, item 9), and grid inputs cannot take the wrapper's names (item 3). Each refusal is a
 * rejected job with one line, within seconds (a generous timeout guards against a hang).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShippedInputsTest {

  @TempDir
  Path tmp;

  static final DiracSettings SETTINGS = DiracSettings.of(Map.of("transport", "cli"), Map.of());

  JobRejectedException refused(String value, ContentHashes hashes) throws Exception {
    Descriptor d = Tools.catTool();
    JobRequest request = JobRequest.builder(d, Tools.invocation(d,
        "{\"in\": \"" + value + "\", \"text\": \"t\", \"out\": \"o.txt\"}")).inputDirectory(tmp).build();
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> GridJobPlanner.rewriteFileInputs(request, SETTINGS, hashes));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  @Test
  void aDeviceIsRefusedWithoutReadingIt() throws Exception {
    JobRejectedException e = refused("/dev/zero", new ContentHashes());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void aFifoInAShippedFolderIsRefusedWithoutReadingIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.writeString(dir.resolve("a.txt"), "a");
    assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start().waitFor());
    JobRejectedException e = refused("dir", new ContentHashes());
    assertTrue(e.getMessage().contains("pipe") && e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void aLinkLoopIsARejectedJob() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dir/sub"));
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.createSymbolicLink(dir.resolve("up"), tmp.resolve("dir"));
    JobRejectedException e = refused("dir", new ContentHashes());
    assertTrue(e.getMessage().contains("link loop"), e.getMessage());
  }

  @Test
  void aFolderOverTheLimitIsRefusedBeforeAnythingIsHashed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("big"));
    for (int i = 0; i < 3; i++) {
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("part" + i).toFile(), "rw")) {
        f.setLength(300L * 1024 * 1024); // sparse: 900 MiB that take no disk
      }
    }
    ContentHashes hashes = new ContentHashes();
    JobRejectedException e = refused("big", hashes);
    assertTrue(e.getMessage().contains("sandbox-input-limit"), e.getMessage());
    assertEquals(0, hashes.size(), "nothing was read before the size was known");
  }

  @Test
  void aGridFileCannotTakeTheNameOfTheWrappersFiles() throws Exception {
    for (String name : new String[] {"vipb-wrapper.sh", "vipb-jobs.tar", "std.out", ".vipb-found"}) {
      JobRejectedException e = refused("lfn:/biomed/user/j/" + name, new ContentHashes());
      assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }
  }
}
