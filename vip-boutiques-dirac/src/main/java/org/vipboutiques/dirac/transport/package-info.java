/**
 * What the two transports (DiracX and the command line) have in common.
 */
package org.vipboutiques.dirac.transport;
