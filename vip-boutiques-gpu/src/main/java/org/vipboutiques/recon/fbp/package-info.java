/**
 * Parallel-beam projection and filtered back-projection.
 */
package org.vipboutiques.recon.fbp;
