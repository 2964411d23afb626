package org.vipboutiques.recon.bench;

/** A measurement with the result of the last timed run (to check its accuracy). */
public record Measured<T>(Measurement measurement, T result) {
}
