/**
 * Cone-beam reconstruction (Feldkamp-Davis-Kress).
 */
package org.vipboutiques.recon.fdk;
