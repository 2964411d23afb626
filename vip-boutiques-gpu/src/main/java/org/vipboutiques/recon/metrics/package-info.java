/**
 * Comparisons of reconstructions with references (RMSE, masks).
 */
package org.vipboutiques.recon.metrics;
