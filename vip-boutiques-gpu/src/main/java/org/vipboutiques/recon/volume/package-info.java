/**
 * Volumes of voxels, real and complex, with their spacing.
 */
package org.vipboutiques.recon.volume;
