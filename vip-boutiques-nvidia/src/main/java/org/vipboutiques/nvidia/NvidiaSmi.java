package org.vipboutiques.nvidia;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.gpu.GpuInventory;
import org.vipboutiques.execution.gpu.GpuProbe;

/**
 * The NVIDIA GPUs of this machine, read once per process with {@code nvidia-smi}: {@code
 * --query-gpu=index,uuid,name,memory.total,compute_cap,driver_version --format=csv,noheader,nounits}
 * for the devices, the plain {@code nvidia-smi} header for the driver's CUDA version. The command is
 * the system property {@value #COMMAND_PROPERTY}, else {@code nvidia-smi} on the PATH. Each run is
 * stopped after {@link #TIMEOUT_SECONDS} s and its output read up to {@link #MAX_OUTPUT} bytes.
 */
public final class NvidiaSmi implements GpuProbe {

  /** The system property naming the {@code nvidia-smi} to run. */
  public static final String COMMAND_PROPERTY = "vipboutiques.nvidia-smi";
  static final int TIMEOUT_SECONDS = 20;
  static final int MAX_OUTPUT = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmi.class);
  private static final Map<Path, GpuInventory> READ = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "nvidia-smi";
  }

  @Override
  public GpuInventory read() {
    Optional<Path> command = command();
    if (command.isEmpty()) {
      return GpuInventory.unknown("nvidia-smi", "nvidia-smi is not on the PATH (no NVIDIA driver here)");
    }
    return READ.computeIfAbsent(command.get(), NvidiaSmi::readWith);
  }

  /** The command this process reads devices with: the property's, else the PATH's. */
  static Optional<Path> command() {
    String property = System.getProperty(COMMAND_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property).toAbsolutePath());
    }
    return onPath(System.getenv("PATH"));
  }

  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "nvidia-smi");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Reads the devices with this command, every failure an inventory without devices that says why. */
  static GpuInventory readWith(Path command) {
    String source = command.toString();
    try {
      Run query = run(command, "--query-gpu=" + String.join(",", NvidiaSmiOutput.FIELDS),
          "--format=csv,noheader,nounits");
      List<String> fields = NvidiaSmiOutput.FIELDS;
      if (query.exitCode() != 0 && query.output().contains("compute_cap")) {
        // Drivers before 510 do not know the field: the devices without their capability.
        fields = NvidiaSmiOutput.FIELDS_BEFORE_510;
        query = run(command, "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
      }
      if (query.exitCode() != 0) {
        String first = query.output().strip().lines().findFirst().orElse("no output");
        if (query.output().contains("No devices were found")) {
          return new GpuInventory(true, List.of(), Optional.empty(), Optional.empty(), source,
              Optional.of("nvidia-smi: No devices were found"));
        }
        return failed(source, "nvidia-smi exited " + query.exitCode() + ": " + NvidiaSmiOutput.abbreviate(first));
      }
      NvidiaSmiOutput.Rows rows = NvidiaSmiOutput.devices(query.output(), fields);
      Run plain = run(command);
      Optional<String> cuda = plain.exitCode() == 0 ? NvidiaSmiOutput.cudaVersion(plain.output()) : Optional.empty();
      List<String> notes = new ArrayList<>();
      if (!fields.contains("compute_cap")) {
        notes.add("this driver does not report compute capabilities (compute_cap needs driver 510 or later)");
      }
      if (cuda.isEmpty()) {
        notes.add("nvidia-smi did not print the driver's CUDA version");
      }
      if (rows.devices().isEmpty()) {
        notes.add("nvidia-smi listed no device");
      }
      return new GpuInventory(true, rows.devices(), rows.driverVersion(), cuda, source,
          notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
    } catch (IOException | IllegalArgumentException e) {
      return failed(source, "cannot read the GPUs with " + source + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(source, "interrupted while reading the GPUs with " + source);
    }
  }

  private static GpuInventory failed(String source, String why) {
    LOG.warn("{}", why);
    return new GpuInventory(true, List.of(), Optional.empty(), Optional.empty(), source, Optional.of(why));
  }

  record Run(int exitCode, String output) {}

  /** Runs the command with a timeout, stdout and stderr together, at most {@link #MAX_OUTPUT} bytes kept. */
  static Run run(Path command, String... arguments) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(command.toString());
    argv.addAll(List.of(arguments));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
        new File("/dev/null"))).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(p.getInputStream(), out), "vipb-nvidia-smi");
    reader.setDaemon(true);
    reader.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException(command + " did not answer within " + TIMEOUT_SECONDS + " s and was stopped");
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    return new Run(p.exitValue(), text);
  }

  private static void drain(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (out) {
          // Past the bound the rest is read and dropped, so that the command never blocks on a full pipe.
          int keep = Math.min(n, MAX_OUTPUT - out.size());
          if (keep > 0) {
            out.write(buffer, 0, keep);
          }
        }
      }
    } catch (IOException e) {
      // the process ended or was stopped; what was read stands
    }
  }
}
