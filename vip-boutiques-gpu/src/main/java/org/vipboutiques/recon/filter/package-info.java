/**
 * Ramp filters and their windows.
 */
package org.vipboutiques.recon.filter;
