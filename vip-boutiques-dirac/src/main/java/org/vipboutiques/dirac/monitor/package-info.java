/**
 * Polls the states of grid jobs and maps them to job states.
 */
package org.vipboutiques.dirac.monitor;
