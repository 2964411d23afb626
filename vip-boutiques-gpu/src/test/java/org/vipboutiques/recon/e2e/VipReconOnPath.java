package org.vipboutiques.recon.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A {@code vip-recon} command for descriptors to call, running this build's classes. */
final class VipReconOnPath {

  private VipReconOnPath() {}

  /** Writes the command into {@code folder/bin}; returns the PATH value that finds it first. */
  static String install(Path folder) throws IOException {
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Path launcher = bin.resolve("vip-recon");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -Xmx1g -XX:TieredStopAtLevel=1 -cp '"
        + System.getProperty("java.class.path") + "' org.vipboutiques.recon.cli.VipRecon \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
  }
}
