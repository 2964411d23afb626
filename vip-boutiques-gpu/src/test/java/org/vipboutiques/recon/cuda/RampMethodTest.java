package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** -Dvip.recon.rampFilter: its values and the message for others (no device needed). */
class RampMethodTest {

  @Test
  void propertyValuesAndTheMessageForOthers() {
    String before = System.getProperty("vip.recon.rampFilter");
    try {
      System.clearProperty("vip.recon.rampFilter");
      assertEquals(RampMethod.AUTO, RampMethod.fromProperty());
      System.setProperty("vip.recon.rampFilter", " Direct ");
      assertEquals(RampMethod.DIRECT, RampMethod.fromProperty());
      System.setProperty("vip.recon.rampFilter", "fft");
      assertEquals(RampMethod.FFT, RampMethod.fromProperty());
      System.setProperty("vip.recon.rampFilter", "fast");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RampMethod::fromProperty);
      assertEquals("-Dvip.recon.rampFilter=fast is not one of auto, fft, direct", e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("vip.recon.rampFilter");
      } else {
        System.setProperty("vip.recon.rampFilter", before);
      }
    }
  }
}
