/**
 * The transport through the DiracX REST API, with its device-code login and tokens.
 */
package org.vipboutiques.dirac.diracx;
