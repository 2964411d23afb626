/**
 * Cartesian MRI reconstruction (inverse FFT).
 */
package org.vipboutiques.recon.mri;
