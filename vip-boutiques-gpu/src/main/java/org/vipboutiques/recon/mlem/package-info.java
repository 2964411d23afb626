/**
 * Emission tomography: MLEM and OSEM.
 */
package org.vipboutiques.recon.mlem;
