package org.vipboutiques.testing.gpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code nvidia-smi}, a shell script that prints what the real one prints (driver
 * 535.104.05: {@code --query-gpu=... --format=csv,noheader,nounits} rows, the plain table's header
 * with the CUDA version, "No devices were found" with exit code 6 on a machine without devices,
 * and "Field ... is not a valid field to query." with exit code 2 for {@code compute_cap} on a
 * driver older than 510). Each call's arguments are appended to {@code calls} beside it.
 */
public final class FakeNvidiaSmi {

  /** A machine of the fake. */
  public enum Machine {
    /** The driver is there, no device is. */
    NONE,
    /** One Tesla T4 (16 GB, 7.5). */
    ONE,
    /** A100 80 GB (8.0), T4 (7.5), GTX 1080 Ti (6.1), H100 (9.0). */
    FOUR_MIXED,
    /** Four identical A100 40 GB (8.0). */
    FOUR_A100,
    /** Two devices on a driver before 510, which knows no {@code compute_cap}. */
    OLD_DRIVER
  }

  public static final List<String> FOUR_MIXED_ROWS = List.of(
      "0, GPU-8d3f7b6a-2c1e-4f5a-9b8c-1a2b3c4d5e60, NVIDIA A100-SXM4-80GB, 81920, 8.0, 535.104.05",
      "1, GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901, Tesla T4, 15360, 7.5, 535.104.05",
      "2, GPU-6e5d4c3b-2a19-0817-2635-445362718090, NVIDIA GeForce GTX 1080 Ti, 11264, 6.1, 535.104.05",
      "3, GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0, NVIDIA H100 80GB HBM3, 81559, 9.0, 535.104.05");

  public static final List<String> FOUR_A100_ROWS = List.of(
      "0, GPU-a1000000-0000-4000-8000-000000000000, NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05",
      "1, GPU-a1000000-0000-4000-8000-000000000001, NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05",
      "2, GPU-a1000000-0000-4000-8000-000000000002, NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05",
      "3, GPU-a1000000-0000-4000-8000-000000000003, NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05");

  public static final List<String> ONE_ROWS = List.of(
      "0, GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901, Tesla T4, 15360, 7.5, 535.104.05");

  private FakeNvidiaSmi() {}

  /** Writes {@code folder/nvidia-smi} for the machine and returns the folder (for a PATH). */
  public static Path write(Path folder, Machine machine) throws IOException {
    Files.createDirectories(folder);
    String rows = switch (machine) {
      case NONE -> "";
      case ONE -> String.join("\n", ONE_ROWS);
      case FOUR_MIXED -> String.join("\n", FOUR_MIXED_ROWS);
      case FOUR_A100 -> String.join("\n", FOUR_A100_ROWS);
      case OLD_DRIVER -> "0, GPU-0ld00000-0000-4000-8000-000000000000, Tesla P100-PCIE-16GB, 16280, 470.199.02\n"
          + "1, GPU-0ld00000-0000-4000-8000-000000000001, Tesla P100-PCIE-16GB, 16280, 470.199.02";
    };
    String driver = machine == Machine.OLD_DRIVER ? "470.199.02" : "535.104.05";
    String cuda = machine == Machine.OLD_DRIVER ? "11.4" : "12.2";
    String firstName = switch (machine) {
      case NONE -> "";
      case ONE -> "Tesla T4";
      case FOUR_MIXED -> "NVIDIA A100-SXM4-80GB";
      case FOUR_A100 -> "NVIDIA A100-SXM4-40GB";
      case OLD_DRIVER -> "Tesla P100-PCIE-16GB";
    };
    StringBuilder script = new StringBuilder("#!/bin/sh\n")
        .append("echo \"$*\" >> \"$(dirname \"$0\")/calls\"\n");
    if (machine == Machine.NONE) {
      script.append("echo 'No devices were found'\nexit 6\n");
    } else {
      script.append("case \"$*\" in\n");
      if (machine == Machine.OLD_DRIVER) {
        script.append("  *--query-gpu=*compute_cap*)\n")
            .append("    echo 'Field \"compute_cap\" is not a valid field to query.'\n")
            .append("    echo ''\n    echo 'Please run '\"'\"'nvidia-smi --help-query-gpu'\"'\"' for more information.'\n")
            .append("    exit 2 ;;\n");
      }
      script.append("  *--query-gpu=*)\n    cat <<'EOF'\n").append(rows).append("\nEOF\n    ;;\n")
          .append("  '')\n    cat <<'EOF'\n")
          .append("Wed Dec  2 11:30:00 2026       \n")
          .append("+---------------------------------------------------------------------------------------+\n")
          .append(String.format("| NVIDIA-SMI %-22s Driver Version: %-12s CUDA Version: %-9s|%n", driver, driver, cuda))
          .append("|-----------------------------------------+----------------------+----------------------+\n")
          .append("| GPU  Name                 Persistence-M | Bus-Id        Disp.A | Volatile Uncorr. ECC |\n")
          .append("| Fan  Temp   Perf          Pwr:Usage/Cap |         Memory-Usage | GPU-Util  Compute M. |\n")
          .append("|                                         |                      |               MIG M. |\n")
          .append("|=========================================+======================+======================|\n")
          .append(String.format("|   0  %-34s On  | 00000000:07:00.0 Off |                    0 |%n", firstName))
          .append("| N/A   32C    P0              52W / 400W |      4MiB / 40960MiB |      0%      Default |\n")
          .append("+-----------------------------------------+----------------------+----------------------+\n")
          .append("EOF\n    ;;\n")
          .append("  *)\n    echo \"fake nvidia-smi: unexpected arguments: $*\" >&2\n    exit 2 ;;\nesac\n");
    }
    Path smi = folder.resolve("nvidia-smi");
    Files.writeString(smi, script);
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /** How many times the fake in this folder ran. */
  public static int calls(Path folder) throws IOException {
    Path calls = folder.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
  }
}
