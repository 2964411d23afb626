package org.vipboutiques.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vipboutiques.Fixtures;
import org.vipboutiques.json.JsonObject;

class GpuRequirementTest {

  private static Optional<GpuRequirement> gpu(String custom, String container) throws Exception {
    JsonObject d = Fixtures.descriptorJson("t", "[{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\"}]", null, null);
    if (custom != null) {
      d = d.with("custom", Fixtures.json(custom));
    }
    if (container != null) {
      d = d.with("container-image", Fixtures.json(container));
    }
    return GpuRequirement.fromDescriptor(d);
  }

  @Test
  void theCustomKeySaysEverything() throws Exception {
    GpuRequirement g = gpu("{\"vip:gpu\": {\"count\": 2, \"max-count\": 4, \"min-memory-gb\": 16,"
        + " \"cuda-version-min\": \"11.8\", \"compute-capability\": [\"8.0\", \"9.0\"], \"type\": \"h100\","
        + " \"policy\": \"preferred\"}}", null).orElseThrow();
    assertEquals(2, g.count());
    assertEquals(Optional.of(4), g.maxCount());
    assertEquals(Optional.of(16.0), g.minMemoryGb());
    assertEquals(List.of("8.0", "9.0"), g.computeCapabilities());
    assertEquals(Optional.of("h100"), g.type());
    assertTrue(g.cpuFallback());
    assertEquals(GpuRequirement.Source.CUSTOM, g.source());
  }

  @Test
  void shortFormsAndContainerOptionsAreRecognised() throws Exception {
    assertEquals(1, gpu("{\"vip:gpu\": true}", null).orElseThrow().count());
    assertEquals(3, gpu("{\"vip:gpu\": 3}", null).orElseThrow().count());
    assertTrue(gpu("{\"vip:gpu\": false}", null).isEmpty());
    assertTrue(gpu(null, "{\"type\": \"docker\", \"image\": \"x\", \"container-opts\": [\"--gpus all\"]}")
        .orElseThrow().allDevices());
    assertEquals(List.of("0", "1"), gpu(null, "{\"type\": \"docker\", \"image\": \"x\","
        + " \"container-opts\": [\"--gpus\", \"\\\"device=0,1\\\"\"]}").orElseThrow().deviceIds());
    assertEquals(2, gpu(null, "{\"type\": \"docker\", \"image\": \"x\", \"container-opts\": [\"--gpus=2\"]}")
        .orElseThrow().count());
    assertEquals(GpuRequirement.Source.SINGULARITY_OPTIONS,
        gpu(null, "{\"type\": \"singularity\", \"image\": \"x\", \"container-opts\": [\"--nv\"]}").orElseThrow().source());
    assertFalse(gpu(null, "{\"type\": \"docker\", \"image\": \"x\", \"container-opts\": [\"-e X=1\"]}").isPresent());
  }

  @Test
  void mistakesAreErrorsNotSilence() {
    for (String bad : List.of("{\"vip:gpu\": {\"count\": 0}}", "{\"vip:gpu\": {\"cuont\": 1}}",
        "{\"vip:gpu\": {\"policy\": \"maybe\"}}", "{\"vip:gpu\": {\"count\": 2, \"max-count\": 1}}",
        "{\"vip:gpu\": {\"compute-capability\": \"sm_80\"}}", "{\"vip:gpu\": \"yes\"}")) {
      assertThrows(MalformedGpuRequirementException.class, () -> gpu(bad, null), bad);
    }
  }
}
