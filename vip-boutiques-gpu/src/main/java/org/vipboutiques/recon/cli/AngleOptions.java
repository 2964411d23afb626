package org.vipboutiques.recon.cli;

import java.util.Optional;
import org.vipboutiques.recon.geometry.AngleSet;
import picocli.CommandLine.Option;

/**
 * Projection angles: count, start and span in degrees, and direction. Angles run from +x towards +y
 * (counter-clockwise with y up) unless --clockwise.
 */
final class AngleOptions {
  @Option(names = "--views", paramLabel = "N", description = "Number of projection angles.")
  Optional<Integer> views;

  @Option(names = "--angle-start", paramLabel = "DEG", description = "First angle in degrees (default 0).")
  Optional<Double> start;

  @Option(names = "--angle-span", paramLabel = "DEG",
      description = "Angular range covered, end excluded (default 180 for parallel beam, 360 for cone beam).")
  Optional<Double> span;

  @Option(names = "--clockwise", description = "Angles increase clockwise (from +x towards -y).")
  boolean clockwise;

  /** True when the user set any angle option, which then overrides the geometry stored in the input file. */
  boolean given() {
    return views.isPresent() || start.isPresent() || span.isPresent() || clockwise;
  }

  AngleSet angles(int defaultViews, double defaultSpanDegrees) {
    int n = views.orElse(defaultViews);
    double s = Math.toRadians(start.orElse(0.0));
    double w = Math.toRadians(span.orElse(defaultSpanDegrees));
    double sign = clockwise ? -1 : 1;
    return AngleSet.uniform(n, sign * s, sign * w);
  }
}
