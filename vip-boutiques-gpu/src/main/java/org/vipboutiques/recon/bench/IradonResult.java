package org.vipboutiques.recon.bench;

import org.vipboutiques.recon.metrics.Comparison;

/**
 * scikit-image iradon's times, its image scored against the truth, and the flip or transpose that
 * matched its axes to ours.
 */
public record IradonResult(Measurement measurement, Comparison roi, String orientation) {
}
