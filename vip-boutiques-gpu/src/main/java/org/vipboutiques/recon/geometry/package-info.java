/**
 * Acquisition geometries: angles, detectors, image grids.
 */
package org.vipboutiques.recon.geometry;
