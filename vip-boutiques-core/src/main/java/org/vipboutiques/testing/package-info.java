/**
 * Runs a descriptor's own tests on an executor and checks exit codes, outputs and MD5 sums.
 */
package org.vipboutiques.testing;
