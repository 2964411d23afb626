package org.vipboutiques.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Fixtures;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.Reference;
import org.vipboutiques.validation.Rule;
import org.vipboutiques.validation.ValidationReport;

class TestConventionsTest {

  /** A tool with an image and a table output, and one test using every vip: assertion. */
  static String descriptor(String outputEntry, String extraAssertions) {
    return "{\"name\": \"t\", \"description\": \"d\", \"tool-version\": \"1\", \"schema-version\": \"0.5\","
        + " \"command-line\": \"tool [OUT] [TAB]\", \"inputs\": [{\"id\": \"n\", \"name\": \"n\", \"type\": \"Number\","
        + " \"optional\": true}],"
        + " \"output-files\": [{\"id\": \"image\", \"name\": \"i\", \"path-template\": \"out.nii\", \"value-key\": \"[OUT]\"},"
        + " {\"id\": \"table\", \"name\": \"t\", \"path-template\": \"t.tsv\", \"value-key\": \"[TAB]\"}],"
        + " \"tests\": [{\"name\": \"within tolerance\", \"invocation\": {}, \"assertions\": {\"exit-code\": 0,"
        + " \"output-files\": [" + outputEntry + "]" + extraAssertions + "}}]}";
  }

  static final String GOOD = descriptor(
      "{\"id\": \"image\", \"vip:reference\": {\"file\": \"ref/out.nii.gz\", \"max-rmse\": 1e-4, \"max-abs\": 0.01,"
          + " \"mask\": \"ref/brain.nii.gz\"}},"
          + " {\"id\": \"table\", \"md5-reference\": \"abc\", \"vip:reference\": {\"file\": \"ref/t.tsv\","
          + " \"relative-tolerance\": 1e-6}}",
      ", \"vip:stdout-matches\": [\"^RMSE [0-9.e-]+$\"], \"vip:stderr-not-matches\": \"(?i)error\"");

  private static ValidationReport validate(String text) {
    return Fixtures.BOUTIQUES.validate(Fixtures.json(text), "test");
  }

  @Test
  void theAssertionsAreReadIntoTheTypedTest() throws Exception {
    assertTrue(validate(GOOD).valid(), validate(GOOD).describe());
    DescriptorTest t = Descriptor.fromJson(Fixtures.json(GOOD)).tests().get(0);
    ReferenceComparison image = t.outputFiles().get(0).reference().orElseThrow();
    assertEquals(ComparisonFormat.NIFTI, image.format());
    assertEquals(Optional.of(1e-4), image.maxRmse());
    assertEquals(Optional.empty(), image.maxNmse());
    assertEquals(Optional.of("ref/brain.nii.gz"), image.mask());
    ReferenceComparison table = t.outputFiles().get(1).reference().orElseThrow();
    assertEquals(ComparisonFormat.TABLE, table.format());
    assertEquals(Optional.of("abc"), t.outputFiles().get(1).md5Reference());
    assertEquals(2, t.logAssertions().size());
    assertEquals("vip:stdout-matches", t.logAssertions().get(0).key());
    assertEquals("vip:stderr-not-matches", t.logAssertions().get(1).key());
    assertFalse(t.logAssertions().get(1).expected());
  }

  @Test
  void malformedVipKeysAreErrorsNamingTestOutputAndKey() {
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.nii\", \"max-rmsee\": 1}}", ""),
        "test \"within tolerance\", output \"image\": \"vip:reference\" has an unknown key \"max-rmsee\"");
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.nii\"}}", ""),
        "takes \"max-rmse\", \"max-nmse\" or \"max-abs\" (at least one)");
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.nii\", \"relative-tolerance\": 1,"
        + " \"max-abs\": 1}}", ""), "not \"relative-tolerance\"");
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.bin\", \"max-abs\": 1}}", ""),
        "add \"format\": \"nifti\" or \"table\"");
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.nii\", \"max-abs\": -1}}", ""),
        "\"max-abs\" must be a number at least 0");
    assertError(descriptor("{\"id\": \"image\", \"vip:md5\": \"x\"}", ""), "unknown key \"vip:md5\"");
    assertError(descriptor("{\"id\": \"image\"}", ", \"vip:stdout-match\": \"x\""),
        "unknown assertion \"vip:stdout-match\"");
    assertError(descriptor("{\"id\": \"image\"}", ", \"vip:stderr-matches\": \"([a-z\""),
        "\"vip:stderr-matches\": \"([a-z\" is not a regular expression");
    assertError(descriptor("{\"id\": \"image\"}", ", \"vip:stderr-matches\": []"), "non-empty list");
  }

  @Test
  void aReferenceOrMaskCannotNameAFileOutsideTheDescriptorsFolder() {
    for (String file : java.util.List.of("../../etc/passwd", "/etc/passwd", "ref/../../x.tsv", "..\\\\x.tsv",
        "C:/x.tsv")) {
      assertError(descriptor("{\"id\": \"table\", \"vip:reference\": {\"file\": \"" + file + "\", \"format\": \"table\","
          + " \"relative-tolerance\": 1}}", ""), "name a file under the descriptor's folder");
    }
    assertError(descriptor("{\"id\": \"image\", \"vip:reference\": {\"file\": \"r.nii\", \"max-abs\": 1,"
        + " \"mask\": \"/etc/shadow\"}}", ""), "\"mask\" is \"/etc/shadow\", which is absolute");
    assertTrue(validate(descriptor("{\"id\": \"table\", \"vip:reference\": {\"file\": \"ref/..t.tsv\","
        + " \"relative-tolerance\": 1}}", "")).valid(), "a name starting with two dots is a name");
  }

  @Test
  void otherExtraKeysAreLeftAloneAsTheReferenceLeavesThem() {
    assertTrue(validate(descriptor("{\"id\": \"image\", \"sha256\": \"x\"}", ", \"note\": 1")).valid());
  }

  private static void assertError(String text, String expected) {
    ValidationReport r = validate(text);
    assertFalse(r.valid(), text);
    assertEquals(Rule.TEST_CONVENTION, r.errors().get(0).rule(), r.describe());
    assertTrue(r.errors().get(0).message().startsWith("TestError: "), r.describe());
    assertTrue(r.errors().get(0).message().contains(expected), r.describe());
  }

  /** The convention exists so that the reference's validator accepts a descriptor that uses it, unchanged. */
  @Test
  @EnabledIfReference
  void theReferenceValidatorAcceptsADescriptorUsingEveryKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("tool.json"), GOOD);
    Process p = new ProcessBuilder(Reference.bosh("validate", file.toString())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(List.of(out.split("\n")).stream().anyMatch(l -> l.contains("Error")), out);
  }
}
