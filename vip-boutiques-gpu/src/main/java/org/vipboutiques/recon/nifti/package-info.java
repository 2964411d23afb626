/**
 * NIfTI-1 images: read and written, bounded.
 */
package org.vipboutiques.recon.nifti;
