/**
 * The CPU and CUDA back ends of the kernels, and how one is chosen.
 */
package org.vipboutiques.recon.backend;
