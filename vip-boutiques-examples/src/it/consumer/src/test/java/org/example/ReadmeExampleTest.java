package org.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** README.md's example, as written there (ReadmeExample is made from README.md), on fsl_bet.json. */
class ReadmeExampleTest {
  @Test
  void runsAsWritten() {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ReadmeExample.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("echo bet t1.nii.gz brain -f 0.4"), printed);
    assertTrue(printed.contains("outfile"), printed);
  }
}
