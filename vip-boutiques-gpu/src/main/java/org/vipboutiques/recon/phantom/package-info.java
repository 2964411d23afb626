/**
 * Exact analytic phantoms (Shepp-Logan and others) and their projections.
 */
package org.vipboutiques.recon.phantom;
