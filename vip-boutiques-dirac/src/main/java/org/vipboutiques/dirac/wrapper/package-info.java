/**
 * Grid jobs: the POSIX sh wrapper, input sandboxes and the result summary.
 */
package org.vipboutiques.dirac.wrapper;
