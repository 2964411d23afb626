package org.vipboutiques.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;

/** The public files of a record and the data folder's names, on a real file system and real tools. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublicFilesTest {

  @TempDir
  Path tmp;

  @Test
  void aFileIsHashedAsMd5sumHashesIt() throws Exception {
    Path big = tmp.resolve("big.bin");
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new Random(1).nextBytes(bytes);
    Files.write(big, bytes);
    Process p = new ProcessBuilder("md5sum", big.toString()).start();
    String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];
    assertEquals(0, p.waitFor());
    JsonObject file = new PublicFiles().of(big, "some/where/big.bin");
    assertEquals("big.bin", file.string("file-name").orElseThrow());
    assertEquals(expected, file.string("md5sum").orElseThrow());
  }

  @Test
  void aPipeIsNotReadAndALinkToAParentIsNotWalkedTwice() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("out/sub"));
    Files.writeString(folder.resolve("a"), "a\n");
    assertEquals(0, new ProcessBuilder("mkfifo", folder.resolve("pipe").toString()).start().waitFor());
    Files.createSymbolicLink(folder.resolve("loop"), tmp.resolve("out"));
    PublicFiles files = new PublicFiles();
    JsonObject out = files.of(tmp.resolve("out"), "out");
    String text = out.toJson();
    assertTrue(text.contains("\"not a regular file\""), text);
    assertTrue(files.skipped() >= 1, "the loop is cut and counted: " + text);
    JsonObject sub = (JsonObject) out.array("files").orElseThrow().items().get(0);
    assertEquals(3, sub.array("files").map(JsonArray::items).orElseThrow().size(), text);
  }

  @Test
  void aMissingPathIsNotFound() {
    JsonObject out = new PublicFiles().of(tmp.resolve("nope.txt"), "nope.txt");
    assertEquals(Boolean.TRUE, out.bool("not_found").orElseThrow());
  }

  @Test
  void aToolNameStaysOneFileName() {
    assertEquals("my-tool", DataFolder.toolName("my tool"));
    assertEquals("..-..-etc-x", DataFolder.toolName("../../etc/x"));
  }

  @Test
  void recordsOfTheSameMicrosecondNeverReplaceEachOtherAndAreTheOwnersAlone() throws Exception {
    DataFolder data = new DataFolder(tmp.resolve("data"));
    LocalDateTime at = LocalDateTime.of(2026, 12, 2, 9, 5, 1, 123_456_000);
    Path first = data.saveRecord("t", at, stamp -> "{\"date-time\": \"" + stamp + "\"}");
    Path second = data.saveRecord("t", at, stamp -> "{\"date-time\": \"" + stamp + "\"}");
    assertEquals("t_2026-12-02_09h05m01s123456ms.json", first.getFileName().toString());
    assertNotEquals(first, second);
    assertEquals("{\"date-time\": \"2026-12-02_09h05m01s123457ms\"}", Files.readString(second));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data"))));
  }

  @Test
  void aDescriptorAlreadySavedIsReused() throws Exception {
    DataFolder data = new DataFolder(tmp.resolve("data"));
    String a = data.saveDescriptor("t", "{\"name\": \"t\"}");
    assertEquals(a, data.saveDescriptor("t", "{\"name\": \"t\"}"));
    assertNotEquals(a, data.saveDescriptor("t", "{\"name\": \"t\", \"x\": 1}"));
    assertTrue(a.startsWith("descriptor_t_") && a.endsWith("ms.json"), a);
  }

  @Test
  void aRememberedDescriptorDeletedOrChangedSinceIsSavedAgain() throws Exception {
    DataFolder data = new DataFolder(tmp.resolve("data"));
    String a = data.saveDescriptor("t", "{\"name\": \"t\", \"y\": 2}");
    Files.delete(tmp.resolve("data").resolve(a));
    String b = data.saveDescriptor("t", "{\"name\": \"t\", \"y\": 2}");
    assertTrue(Files.isRegularFile(tmp.resolve("data").resolve(b)), b);
    Files.writeString(tmp.resolve("data").resolve(b), "{\"name\": \"t\", \"y\": 3}");
    String c = data.saveDescriptor("t", "{\"name\": \"t\", \"y\": 2}");
    assertNotEquals(b, c);
    assertEquals("{\"name\": \"t\", \"y\": 2}", Files.readString(tmp.resolve("data").resolve(c)));
  }
}
