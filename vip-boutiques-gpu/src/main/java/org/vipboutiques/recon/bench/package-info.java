/**
 * Benchmarks of the reconstruction kernels.
 */
package org.vipboutiques.recon.bench;
