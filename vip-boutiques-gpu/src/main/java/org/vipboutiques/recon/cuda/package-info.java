/**
 * The CUDA back end (JCuda): kernels shipped as PTX.
 */
package org.vipboutiques.recon.cuda;
