package org.vipboutiques.testing.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableAndLogTest {

  @TempDir
  Path dir;

  @Test
  void numbersWithinTheRelativeToleranceAgreeTextMustBeEqual() throws Exception {
    Path x = Files.writeString(dir.resolve("x.tsv"), "iteration\tlog_likelihood\n1\t-1234.5678\n2\t-1000.0001\n");
    Path r = Files.writeString(dir.resolve("r.tsv"), "iteration\tlog_likelihood\n1\t-1234.5679\n2\t-1000\n\n");
    assertEquals(List.of(), TableComparison.compare(x, r, 1e-6, 0, ComparisonLimits.DEFAULT));
    List<String> tight = TableComparison.compare(x, r, 1e-9, 0, ComparisonLimits.DEFAULT);
    assertEquals(2, tight.size(), tight.toString());
    assertTrue(tight.get(0).startsWith("row 2, column 2: -1234.5678 against -1234.5679: difference 0.0001000 above"),
        tight.get(0));
    Path many = Files.writeString(dir.resolve("m.tsv"), "1 2 3 4\n");
    Path other = Files.writeString(dir.resolve("o.tsv"), "5 6 7 8\n");
    assertEquals("4 cells differ in all", TableComparison.compare(many, other, 0, 0, ComparisonLimits.DEFAULT).get(3));
    Path y = Files.writeString(dir.resolve("y.csv"), "iteration, likelihood\n1, -1234.5678\n2, -1000.0001\n");
    assertTrue(TableComparison.compare(y, r, 1, 1, ComparisonLimits.DEFAULT).get(0)
        .contains("\"likelihood\" against \"log_likelihood\""));
    Path shorter = Files.writeString(dir.resolve("s.tsv"), "iteration\tlog_likelihood\n");
    assertTrue(TableComparison.compare(shorter, r, 1, 1, ComparisonLimits.DEFAULT).get(0).contains("has 1 rows"));
  }

  @Test
  void aTableLargerThanTheLimitIsRefused() throws Exception {
    Path x = Files.writeString(dir.resolve("x.tsv"), "1 2 3\n");
    assertTrue(assertThrows(ComparisonException.class, () -> TableComparison.compare(x, x, 0, 0,
        new ComparisonLimits(1, 4, 1))).getMessage().contains("more than the 4 bytes"));
  }

  @Test
  void patternsAreFoundAnywhereWithLineAnchors() throws Exception {
    assertTrue(LogSearch.find(Pattern.compile("^RMSE 0\\.00[0-9]+$", Pattern.MULTILINE), "start\nRMSE 0.0012\nend",
        "stdout"));
    assertFalse(LogSearch.find(Pattern.compile("^error", Pattern.MULTILINE), "no error here", "stderr"));
  }

  @Test
  void aPatternThatBacktracksWithoutEndIsStopped() {
    String text = "a".repeat(40) + "b";
    ComparisonException e = assertThrows(ComparisonException.class,
        () -> LogSearch.find(Pattern.compile("(.*a){20}c"), text, "stderr"));
    assertTrue(e.getMessage().contains("backtracks too much"), e.getMessage());
    ComparisonException deep = assertThrows(ComparisonException.class,
        () -> LogSearch.find(Pattern.compile("(a|aa)+c"), "a".repeat(100_000), "stderr"));
    assertTrue(deep.getMessage().contains("too deeply"), deep.getMessage());
  }

  @Test
  void aLogLargerThanTheLimitIsRefused() throws Exception {
    Path log = Files.writeString(dir.resolve("stderr.log"), "0123456789");
    assertTrue(assertThrows(ComparisonException.class, () -> LogSearch.read(log, "stderr",
        new ComparisonLimits(1, 1, 8))).getMessage().contains("larger than the 8 bytes"));
    assertEquals("0123456789", LogSearch.read(log, "stderr", ComparisonLimits.DEFAULT));
  }
}
