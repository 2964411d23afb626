package org.vipboutiques.provenance;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, read once (the kernel's, without a DNS look-up that could stall a job's end). */
final class Host {

  private static volatile String name;

  private Host() {}

  static String name() {
    String n = name;
    if (n == null) {
      n = read();
      name = n;
    }
    return n;
  }

  private static String read() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isRegularFile(kernel) && Files.size(kernel) < 1024) {
        String s = Files.readString(kernel).strip();
        if (!s.isEmpty()) {
          return s;
        }
      }
    } catch (Exception e) {
      // fall through
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
