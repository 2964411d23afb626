package org.vipboutiques.execution.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuPoolTest {

  @TempDir
  Path locks;

  /** Abandons the wait after this many looks, so that "cannot get it now" needs no clock. */
  static BooleanSupplier afterLooks(int looks) {
    AtomicInteger n = new AtomicInteger();
    return () -> n.incrementAndGet() > looks;
  }

  @Test
  void eightJobsOnFourDevicesNeverShareOne() throws Exception {
    GpuPool pool = GpuPool.in(locks);
    List<GpuDevice> four = Machines.fourMixed().devices();
    Map<String, AtomicInteger> users = new ConcurrentHashMap<>();
    four.forEach(d -> users.put(d.uuid(), new AtomicInteger()));
    AtomicInteger overlaps = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      jobs.add(threads.submit(() -> {
        try (GpuLease lease = pool.acquire(four, 1, "job", () -> false).orElseThrow()) {
          AtomicInteger u = users.get(lease.uuids().get(0));
          if (u.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
          }
          Thread.sleep(20);
          u.decrementAndGet();
          return lease.indices();
        }
      }));
    }
    for (Future<String> job : jobs) {
      assertTrue(job.get(60, TimeUnit.SECONDS).matches("[0-3]"));
    }
    threads.shutdown();
    assertEquals(0, overlaps.get());
    // Every lock file is left unlocked and empty.
    assertTrue(pool.busy(four).isEmpty());
  }

  @Test
  void aJobWaitsUntilTheDeviceIsReleasedAndCanBeAbandoned() throws Exception {
    GpuPool pool = GpuPool.in(locks);
    List<GpuDevice> one = List.of(Machines.T4);
    GpuLease first = pool.acquire(one, 1, "first", () -> false).orElseThrow();
    assertEquals(Optional.empty(), pool.acquire(one, 1, "second", afterLooks(3)));
    first.close();
    first.close();
    GpuLease second = pool.acquire(one, 1, "second", afterLooks(3)).orElseThrow();
    assertEquals("1", second.indices());
    assertEquals(Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID", "CUDA_VISIBLE_DEVICES", "1"), second.cudaEnvironment());
    second.close();
  }

  @Test
  void countDevicesAreTakenTogetherLowestIndexFirst() throws Exception {
    GpuPool pool = GpuPool.in(locks);
    List<GpuDevice> four = Machines.fourMixed().devices();
    try (GpuLease two = pool.acquire(four, 2, "two", () -> false).orElseThrow();
        GpuLease next = pool.acquire(four, 2, "next", () -> false).orElseThrow()) {
      assertEquals("0,1", two.indices());
      assertEquals("2,3", next.indices());
      assertEquals(Optional.empty(), pool.acquire(four, 1, "none left", afterLooks(2)));
    }
  }

  @Test
  void lockFilesAreTheOwnersAloneAndSayWhoHoldsThem() throws Exception {
    GpuPool pool = GpuPool.in(locks);
    try (GpuLease lease = pool.acquire(List.of(Machines.H100), 1, "job-folder-7", () -> false).orElseThrow()) {
      Path file = locks.resolve("gpu-" + Machines.H100.uuid() + ".lock");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(ProcessHandle.current().pid() + " job-folder-7\n", Files.readString(file));
    }
  }

  @Test
  void anotherJvmHoldingADeviceIsWaitedForAndItsDeathFreesIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        GpuPoolHolder.class.getName(), locks.toString(), Machines.T4.uuid()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("held 0", out.readLine());
      GpuPool pool = GpuPool.in(locks);
      assertEquals(Set.of(Machines.T4.uuid()), pool.busy(List.of(Machines.T4)));
      assertEquals(Optional.empty(), pool.acquire(List.of(Machines.T4), 1, "here", afterLooks(5)));
      // Killed outright, as a crashed test run would be: the OS drops its lock.
      other.destroyForcibly();
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      try (GpuLease lease = pool.acquire(List.of(Machines.T4), 1, "here", () -> false).orElseThrow()) {
        assertEquals(List.of(Machines.T4.uuid()), lease.uuids());
      }
    } finally {
      other.destroyForcibly();
    }
  }
}
