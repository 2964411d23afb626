package org.vipboutiques.recon.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class BackendSelectorTest {

  @Test
  void cpuIsAlwaysThere() {
    assertTrue(BackendSelector.availability(BackendKind.CPU).usable());
    try (Backend b = BackendSelector.open(BackendKind.CPU)) {
      assertEquals(BackendKind.CPU, b.kind());
    }
  }

  @Test
  void autoFallsBackToTheCpuWithAOneLineReasonWhenNoGpuIsUsable() {
    Availability gpu = BackendSelector.availability(BackendKind.CUDA);
    assumeFalse(gpu.usable(), "a GPU is usable here");
    assertFalse(gpu.detail().isBlank());
    assertFalse(gpu.detail().contains("\n"), "one line: " + gpu.detail());
    try (Backend b = BackendSelector.open(BackendKind.AUTO)) {
      assertEquals(BackendKind.CPU, b.kind());
    }
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BackendSelector.open(BackendKind.CUDA));
    assertTrue(e.getMessage().contains(gpu.detail()));
    // The probe runs once: asking again gives the same answer object.
    assertTrue(gpu == BackendSelector.availability(BackendKind.CUDA));
  }

  @Test
  void kindsParse() {
    assertEquals(BackendKind.CUDA, BackendKind.parse("GPU"));
    assertEquals(BackendKind.AUTO, BackendKind.parse(" auto "));
    assertThrows(IllegalArgumentException.class, () -> BackendKind.parse("opencl"));
  }
}
