/**
 * PNG previews of volumes.
 */
package org.vipboutiques.recon.preview;
