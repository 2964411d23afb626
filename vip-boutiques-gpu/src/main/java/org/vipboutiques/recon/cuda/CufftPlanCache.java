package org.vipboutiques.recon.cuda;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * cuFFT plans kept between calls (planning a batched transform costs milliseconds, as much as running
 * it), least recently used first out, at most {@link #CAPACITY}: each plan holds a device work area.
 */
final class CufftPlanCache implements AutoCloseable {
  static final int CAPACITY = 8;

  private final Map<String, CufftPlan> plans = new LinkedHashMap<>(16, 0.75f, true);

  /** The plan for {@code key}, made by {@code make} when absent. */
  synchronized CufftPlan get(String key, Supplier<CufftPlan> make) {
    CufftPlan plan = plans.get(key);
    if (plan == null) {
      if (plans.size() >= CAPACITY) {
        Iterator<CufftPlan> eldest = plans.values().iterator();
        eldest.next().close();
        eldest.remove();
      }
      plan = make.get();
      plans.put(key, plan);
    }
    return plan;
  }

  CufftPlan realToComplex(int n, int batch) {
    return get("r2c " + n + " x " + batch, () -> CufftPlan.realToComplex(n, batch));
  }

  CufftPlan complexToReal(int n, int batch) {
    return get("c2r " + n + " x " + batch, () -> CufftPlan.complexToReal(n, batch));
  }

  CufftPlan complex(int[] dims, int batch) {
    return get("c2c " + Arrays.toString(dims) + " x " + batch, () -> CufftPlan.complex(dims, batch));
  }

  @Override
  public synchronized void close() {
    plans.values().forEach(CufftPlan::close);
    plans.clear();
  }
}
