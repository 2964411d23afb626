/**
 * The DIRAC grid executor ({@code dirac}) and its client: JDL, submission, status, outputs.
 */
package org.vipboutiques.dirac;
