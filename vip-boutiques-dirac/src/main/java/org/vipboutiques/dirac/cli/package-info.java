/**
 * The transport through the DIRAC command line ({@code dirac-wms-*}).
 */
package org.vipboutiques.dirac.cli;
