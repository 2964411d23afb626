/**
 * Image reconstruction kernels (parallel-beam FBP, cone-beam FDK, Cartesian MRI, PET MLEM/OSEM) with a
 * CPU and a CUDA back end behind one API, exact test phantoms, NIfTI-1 I/O and PNG previews.
 *
 * <p>Conventions shared by every package: pixel and voxel centres sit at {@code (index - (n - 1) / 2) *
 * spacing}; axis x is the fastest-varying index on disk and in memory, then y, then z; angles are in
 * radians, measured from the +x axis towards +y. See {@code docs/reconstruction.md}.
 */
package org.vipboutiques.recon;
