package org.vipboutiques.execution.gpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A second JVM's job for {@link GpuPoolTest}: takes the device from the pool in the given lock
 * folder, prints {@code held}, and keeps it until it is killed or its standard input closes.
 */
public final class GpuPoolHolder {

  private GpuPoolHolder() {}

  public static void main(String[] args) throws Exception {
    GpuPool pool = GpuPool.in(Path.of(args[0]));
    GpuDevice device = new GpuDevice(0, args[1], "Tesla T4", 15360, Optional.of("7.5"));
    GpuLease lease = pool.acquire(List.of(device), 1, "holder", () -> false).orElseThrow();
    System.out.println("held " + lease.indices());
    System.out.flush();
    while (System.in.read() >= 0) {
      // held until the parent closes our input or kills us
    }
    lease.close();
  }
}
