package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;

/** {@code test} with the vip: assertions, run for real on this host, and {@code lint}. */
class AuthorToolsTest {

  @TempDir
  Path dir;

  /** A NIfTI-1 float32 image of {@code values.length} voxels in a row, laid out as the standard says. */
  static void nifti(Path file, float... values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(352 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 348).putShort(40, (short) 1).putShort(42, (short) values.length).putShort(70, (short) 16)
        .putShort(72, (short) 32).putFloat(108, 352f).put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    b.position(352);
    for (float v : values) {
      b.putFloat(v);
    }
    Files.write(file, b.array());
  }

  /** A tool that copies its input image, writes a table and prints a line on each stream. */
  static String tool(String imageCheck, String tableCheck, String logs) {
    return "{\"name\": \"copier\", \"description\": \"d\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
        + " \"command-line\": \"cp [IN] [OUT]; printf 'step\\\\tvalue\\\\n1\\\\t0.3333334\\\\n' > [TAB];"
        + " echo 'RMSE 0.0012'; echo 'using the CPU' >&2\","
        + " \"inputs\": [{\"id\": \"image\", \"name\": \"i\", \"type\": \"File\", \"value-key\": \"[IN]\"}],"
        + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"copy.nii\", \"value-key\": \"[OUT]\"},"
        + " {\"id\": \"table\", \"name\": \"t\", \"path-template\": \"t.tsv\", \"value-key\": \"[TAB]\"}],"
        + " \"tests\": [{\"name\": \"within tolerance\", \"invocation\": {\"image\": \"in.nii\"}, \"assertions\": {"
        + "\"exit-code\": 0, \"output-files\": [{\"id\": \"out\", \"vip:reference\": " + imageCheck + "},"
        + " {\"id\": \"table\", \"vip:reference\": " + tableCheck + "}]" + logs + "}}]}";
  }

  private Path setUp(String descriptor) throws IOException {
    nifti(dir.resolve("in.nii"), 1f, 2f, 3f, 4.001f);
    Files.createDirectories(dir.resolve("ref"));
    nifti(dir.resolve("ref/image.nii"), 1f, 2f, 3f, 4f);
    nifti(dir.resolve("ref/mask.nii"), 1f, 1f, 1f, 0f);
    Files.writeString(dir.resolve("ref/t.tsv"), "step\tvalue\n1\t0.3333333\n");
    return Files.writeString(dir.resolve("tool.json"), descriptor);
  }

  @Test
  void outputsWithinToleranceAndLogsThatMatchPass() throws Exception {
    Path tool = setUp(tool("{\"file\": \"ref/image.nii\", \"max-abs\": 0.002, \"max-rmse\": 0.001}",
        "{\"file\": \"ref/t.tsv\", \"relative-tolerance\": 1e-6}",
        ", \"vip:stdout-matches\": \"^RMSE 0\\\\.00[0-9]+$\", \"vip:stderr-not-matches\": [\"(?i)error\", \"GPU\"]"));
    assertEquals(0, MainTest.run("", "validate", tool.toString()).code());
    MainTest.Run r = MainTest.run("", "test", tool.toString(), "--executor", "local", "--jobs-dir",
        dir.resolve("jobs").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("PASS within tolerance"), r.out());
  }

  @Test
  void eachFailureNamesTheFileTheMetricTheValueAndTheBound() throws Exception {
    Path tool = setUp(tool("{\"file\": \"ref/image.nii\", \"max-abs\": 0.0001, \"max-nmse\": 1}",
        "{\"file\": \"ref/t.tsv\", \"relative-tolerance\": 1e-9}",
        ", \"vip:stdout-matches\": \"^RMSE 1\", \"vip:stderr-not-matches\": \"CPU\""));
    MainTest.Run r = MainTest.run("", "test", tool.toString(), "--executor", "local", "--jobs-dir",
        dir.resolve("jobs").toString(), "--json");
    assertEquals(1, r.code(), r.out() + r.err());
    JsonArray results = (JsonArray) JsonParser.withDefaults().parse(r.out(), "out");
    List<String> problems = ((JsonObject) results.get(0)).array("problems").orElseThrow().items().stream()
        .map(v -> ((org.vipboutiques.json.JsonString) v).value()).toList();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).matches("output \"out\" \\(.*copy\\.nii\\): max abs difference 0\\.0009999 above"
        + " max-abs 1\\.0E-4 against the reference .*ref/image\\.nii \\(RMSE .*over 4 voxels\\)"), problems.get(0));
    assertTrue(problems.get(1).matches("output \"table\" \\(.*t\\.tsv\\) differs from the reference .*ref/t\\.tsv:"
        + " row 2, column 2: 0\\.3333334 against 0\\.3333333: difference .* above the tolerance .*"), problems.get(1));
    assertEquals("stdout does not match \"^RMSE 1\" (vip:stdout-matches); it ends: \"RMSE 0.0012\"", problems.get(2));
    assertEquals("stderr matches \"CPU\" (vip:stderr-not-matches): \"using the CPU\"", problems.get(3));
  }

  @Test
  void aMaskLimitsTheComparisonAndAMissingReferenceIsOneClearProblem() throws Exception {
    Path tool = setUp(tool("{\"file\": \"ref/image.nii\", \"mask\": \"ref/mask.nii\", \"max-abs\": 0}",
        "{\"file\": \"ref/none.tsv\", \"absolute-tolerance\": 1}", ""));
    MainTest.Run r = MainTest.run("", "test", tool.toString(), "--executor", "local", "--jobs-dir",
        dir.resolve("jobs").toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("max-abs"), r.out());
    assertTrue(r.out().contains("output \"table\" (") && r.out().contains("cannot be compared with its reference: ")
        && r.out().contains("ref/none.tsv"), r.out());
  }

  @Test
  void lintWarnsExitsZeroAndStrictFails() throws Exception {
    Path quirky = Files.writeString(dir.resolve("quirky.json"), """
        {"name": "t", "description": "d", "tool-version": "1", "schema-version": "0.5",
         "command-line": "t [A]", "container-image": {"type": "docker", "image": "org/tool"},
         "inputs": [{"id": "a", "name": "A", "type": "Number", "value-key": "[A]"}],
         "output-files": [{"id": "o", "name": "o", "optional": true,
           "conditional-path-template": [{"a>10": "big"}, {"default": "small"}]}]}
        """);
    MainTest.Run r = MainTest.run("", "lint", quirky.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith(quirky + ":3: warning [input-without-description] at $.inputs[0]: "), lines.get(0));
    assertTrue(lines.get(1).startsWith(quirky + ":5: warning [condition-operator] at $.output-files[0]"
        + ".conditional-path-template[0]: output \"o\": condition \"a>10\" is read by bosh as \"a > 0\""), lines.get(1));
    assertTrue(lines.get(1).endsWith("; fix: put a space after the operator: \"a > 10\""), lines.get(1));
    assertTrue(lines.get(2).startsWith(quirky + ":2: warning [image-not-pinned] at $.container-image.image: "));
    assertTrue(lines.get(3).startsWith(quirky + ":1: warning [no-tests] at $: "));
    assertTrue(r.err().contains("4 warning(s) in 1 file(s): condition-operator 1, image-not-pinned 1,"
        + " input-without-description 1, no-tests 1"), r.err());
    assertEquals(1, MainTest.run("", "lint", "--strict", quirky.toString()).code());
    MainTest.Run json = MainTest.run("", "lint", "--json", quirky.toString());
    JsonObject first = (JsonObject) ((JsonArray) JsonParser.withDefaults().parse(json.out(), "out")).get(0);
    assertEquals(4, first.array("warnings").orElseThrow().size());
    assertEquals("3", ((JsonObject) first.array("warnings").orElseThrow().get(0)).number("line").orElseThrow().literal());
    MainTest.Run invalid = MainTest.run("", "lint", Files.writeString(dir.resolve("bad.json"), "{\"name\": 1}").toString());
    assertEquals(1, invalid.code());
    assertTrue(invalid.err().contains("bad.json: "), invalid.err());
  }

  /** The project's own descriptors are portable: lint --strict passes on them. */
  @Test
  void theShippedDescriptorsHaveNoWarning() throws Exception {
    Path descriptors = Path.of("").toAbsolutePath().getParent().resolve("descriptors");
    List<String> args;
    try (Stream<Path> s = Files.list(descriptors)) {
      args = Stream.concat(Stream.of("lint", "--strict"), s.filter(p -> p.toString().endsWith(".json")).sorted()
          .map(Path::toString)).toList();
    }
    assertEquals(8, args.size());
    MainTest.Run r = MainTest.run("", args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
  }
}
