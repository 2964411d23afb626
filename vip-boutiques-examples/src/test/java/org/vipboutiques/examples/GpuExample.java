package org.vipboutiques.examples;

import java.nio.file.Path;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;

/** docs/gpu.md's example: what a descriptor asks of GPUs. */
public final class GpuExample {

  private GpuExample() {
  }

  public static void main(String[] args) throws Exception {
    // tag::gpu[]
    Descriptor tool = Boutiques.create().load(Path.of("tool.json"));
    tool.gpu().ifPresent(gpu -> System.out.println(gpu.count() + " GPU(s), "
        + (gpu.cpuFallback() ? "CPU acceptable" : "required")));
    // end::gpu[]
  }
}
