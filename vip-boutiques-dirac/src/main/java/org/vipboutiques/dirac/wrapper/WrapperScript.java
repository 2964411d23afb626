package org.vipboutiques.dirac.wrapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The POSIX sh wrapper every grid job runs ({@code vipb-wrapper.sh}, shipped in the input sandbox). */
public final class WrapperScript {

  /** Its name in the sandbox and the JDL's {@code Executable}. */
  public static final String NAME = "vipb-wrapper.sh";

  private static final byte[] BYTES = load();

  private WrapperScript() {}

  public static byte[] bytes() {
    return BYTES.clone();
  }

  public static String text() {
    return new String(BYTES, StandardCharsets.UTF_8);
  }

  private static byte[] load() {
    try (InputStream in = WrapperScript.class.getResourceAsStream(NAME)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + NAME + " is missing from vip-boutiques-dirac's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the wrapper script resource", e);
    }
  }
}
