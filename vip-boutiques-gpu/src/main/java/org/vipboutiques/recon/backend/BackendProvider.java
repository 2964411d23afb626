package org.vipboutiques.recon.backend;

/**
 * Service-provider interface of back ends, found with {@link java.util.ServiceLoader}
 * (META-INF/services/org.vipboutiques.recon.backend.BackendProvider).
 */
public interface BackendProvider {

  /** CPU or CUDA. */
  BackendKind kind();

  /** Whether this back end can run here; probes at most once per process and never throws. */
  Availability availability();

  /** A new back end; throws {@link BackendUnavailableException} when {@link #availability()} is not usable. */
  Backend open();
}
