package org.vipboutiques.recon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.vipboutiques.recon.cli.VipRecon;

/** The benchmark command runs end to end at small sizes and prints ms and GUPS. */
class BenchSmokeTest {

  @Test
  void quickBenchPrintsTheTable() {
    StringWriter out = new StringWriter();
    int status = VipRecon.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "bench", "--quick", "--repeats", "1", "--warmup", "0", "--backend", "cpu");
    assertEquals(0, status, out.toString());
    String text = out.toString();
    assertTrue(text.contains("median ms") && text.contains("GUPS"), text);
    for (String task : new String[] {"FBP", "MRI", "MLEM iteration", "FDK"}) {
      assertTrue(text.contains(task), task + " missing:\n" + text);
    }
    assertTrue(text.contains("ROI RMSE"), text);
  }
}
