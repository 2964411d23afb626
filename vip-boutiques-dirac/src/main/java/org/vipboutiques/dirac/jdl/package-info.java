/**
 * DIRAC's Job Description Language: written from values, and parsed.
 */
package org.vipboutiques.dirac.jdl;
