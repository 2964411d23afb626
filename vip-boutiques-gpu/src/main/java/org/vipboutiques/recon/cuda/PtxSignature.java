package org.vipboutiques.recon.cuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter types of the kernels of a PTX module (.u64, .u32, .f32, ...), read from the PTX text so that
 * every launch can check its arguments against the kernel it calls: a wrong argument list would
 * otherwise corrupt device memory silently.
 */
record PtxSignature(String kernel, List<String> parameterTypes) {
  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)", Pattern.DOTALL);
  private static final Pattern PARAM = Pattern.compile("\\.param\\s+\\.(\\w+)");

  PtxSignature {
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** Every kernel entry of {@code ptx}, in order of appearance. */
  static Map<String, PtxSignature> parse(String ptx) {
    Map<String, PtxSignature> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(ptx);
    while (m.find()) {
      List<String> types = new ArrayList<>();
      Matcher p = PARAM.matcher(m.group(2));
      while (p.find()) {
        types.add(p.group(1));
      }
      out.put(m.group(1), new PtxSignature(m.group(1), types));
    }
    return out;
  }

  /** Throws when {@code args} (as passed to {@link Kernel#launch}) do not fit the parameter types. */
  void check(Object... args) {
    if (args.length != parameterTypes.size()) {
      throw new CudaBackendException("kernel " + kernel + " takes " + parameterTypes.size() + " parameters "
          + parameterTypes + ", got " + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      String expected = parameterTypes.get(i);
      String given = ptxType(args[i]);
      boolean fits = expected.equals(given) || expected.equals("b64") && given.equals("u64")
          || expected.equals("s32") && given.equals("u32") || expected.equals("b32") && given.equals("u32");
      if (!fits) {
        throw new CudaBackendException("kernel " + kernel + " parameter " + i + " is ." + expected + ", got "
            + (args[i] == null ? "null" : args[i].getClass().getSimpleName()) + " (." + given + ")");
      }
    }
  }

  /** The PTX parameter type a launch argument is passed as. */
  static String ptxType(Object arg) {
    if (arg instanceof DeviceBuffer || arg instanceof jcuda.driver.CUdeviceptr || arg instanceof Long) {
      return "u64";
    }
    if (arg instanceof Integer) {
      return "u32";
    }
    if (arg instanceof Float) {
      return "f32";
    }
    return "unsupported";
  }
}
