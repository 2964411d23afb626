package org.vipboutiques.execution.gpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.execution.JobRejectedException;

/**
 * A job's GPUs on this machine, for back ends that run tools here (local, Apptainer, Docker and
 * Podman on a local engine): {@link #of} at submit checks the requirement against the machine's
 * devices (a request no device can ever satisfy is refused there), and {@link #acquire} before
 * the tool starts waits for free devices and holds them until the lease is closed.
 */
public final class GpuPlan {

  /** How a back end reads a machine whose devices cannot be read. */
  public enum Unknown {
    /** The tool runs directly on this machine: no driver tool means no GPU. */
    MEANS_NONE,
    /** A container runtime may see devices this process cannot: run as asked, unchecked. */
    LEFT_TO_RUNTIME
  }

  private static final GpuPlan NONE = new GpuPlan(GpuDecision.notNeeded(), Optional.empty(), null, false);

  private final GpuDecision decision;
  private final Optional<GpuRequirement> requirement;
  private final GpuPool pool;
  private final boolean hideDevices;

  private GpuPlan(GpuDecision decision, Optional<GpuRequirement> requirement, GpuPool pool, boolean hideDevices) {
    this.decision = decision;
    this.requirement = requirement;
    this.pool = pool;
    this.hideDevices = hideDevices;
  }

  /** A job without GPUs. */
  public static GpuPlan none() {
    return NONE;
  }

  /** The plan for a requirement on this machine ({@link GpuInventories#local()}, {@link GpuPool#forMachine()}). */
  public static GpuPlan of(Optional<GpuRequirement> requirement, Unknown unknown) throws JobRejectedException {
    if (requirement.isEmpty()) {
      return NONE;
    }
    return of(requirement, GpuInventories.local(), GpuPool.forMachine(), unknown);
  }

  /**
   * The plan for a requirement on an inventory and a pool.
   *
   * @throws JobRejectedException when no device of the machine can ever satisfy a required GPU
   */
  public static GpuPlan of(Optional<GpuRequirement> requirement, GpuInventory inventory, GpuPool pool,
      Unknown unknown) throws JobRejectedException {
    Objects.requireNonNull(pool, "pool");
    GpuDecision decision = GpuCheck.decide(requirement, inventory, unknown == Unknown.MEANS_NONE);
    if (decision.kind() == GpuDecision.Kind.REFUSED) {
      throw new JobRejectedException(decision.reason());
    }
    // A tool sent to the CPU must not find the devices that did not fit and use them anyway.
    boolean hide = decision.kind() == GpuDecision.Kind.CPU_FALLBACK && inventory.known();
    return new GpuPlan(decision, requirement, pool, hide);
  }

  public GpuDecision decision() {
    return decision;
  }

  /** Whether the job takes devices from the pool. */
  public boolean needsDevices() {
    return decision.kind() == GpuDecision.Kind.USE_GPUS;
  }

  /** Whether the tool runs on the CPU though it asked for a GPU ({@code policy: preferred}). */
  public boolean cpuFallback() {
    return decision.kind() == GpuDecision.Kind.CPU_FALLBACK;
  }

  /** Whether the back end should still ask its runtime for GPUs as the descriptor says (unchecked). */
  public boolean leftToRuntime() {
    return decision.kind() == GpuDecision.Kind.UNCHECKED;
  }

  /**
   * Waits for the devices and holds them. Without devices to take, an empty lease at once.
   *
   * @param owner who holds them, written in the lock files (the job's folder name)
   * @param abandoned asked while waiting (a cancelled job, a closed executor)
   * @return the lease, or empty when abandoned while waiting
   */
  public Optional<Held> acquire(String owner, BooleanSupplier abandoned) throws InterruptedException {
    if (!needsDevices()) {
      return Optional.of(new Held(Optional.empty(), hideDevices));
    }
    return pool.acquire(decision.candidates(), decision.count(), owner, abandoned)
        .map(lease -> new Held(Optional.of(lease), false));
  }

  /**
   * {@link #acquire} as an executor's job start needs it: the wait reported first, and every way
   * the wait can end without devices folded into one answer, so that each back end ends its job
   * the same way.
   *
   * @param owner who holds them, written in the lock files (the job's folder name)
   * @param waiting told the number of devices before a wait (the job shows it is queued for them)
   * @param abandoned asked while waiting (a cancelled job, a closed executor)
   */
  public Taken take(String owner, java.util.function.IntConsumer waiting, BooleanSupplier abandoned) {
    try {
      if (needsDevices()) {
        waiting.accept(decision.count());
      }
      return acquire(owner, abandoned).map(h -> new Taken(Optional.of(h), Optional.empty()))
          .orElseGet(() -> new Taken(Optional.empty(), Optional.empty()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Taken(Optional.empty(), Optional.of("interrupted before it started"));
    } catch (RuntimeException e) {
      return new Taken(Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  /**
   * What {@link #take} answered: the devices held, or none and why the job ends without running
   * (no reason: it was abandoned while waiting).
   *
   * @param held what the job holds, when it may start
   * @param failure why it may not, when that is a failure
   */
  public record Taken(Optional<Held> held, Optional<String> failure) {

    public Taken {
      Objects.requireNonNull(held, "held");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * What a job got: devices (a lease to close when it ends), or none. {@link #close()} frees them.
   *
   * @param lease the devices, when the job takes some
   * @param hideDevices whether the tool must see no device (it was sent to the CPU)
   */
  public record Held(Optional<GpuLease> lease, boolean hideDevices) implements AutoCloseable {

    /** The environment of a tool run on this machine: the devices it may use, or none. */
    public Map<String, String> cudaEnvironment() {
      if (lease.isPresent()) {
        return lease.get().cudaEnvironment();
      }
      Map<String, String> env = new LinkedHashMap<>();
      if (hideDevices) {
        env.put("CUDA_VISIBLE_DEVICES", "");
      }
      return env;
    }

    @Override
    public void close() {
      lease.ifPresent(GpuLease::close);
    }
  }
}
