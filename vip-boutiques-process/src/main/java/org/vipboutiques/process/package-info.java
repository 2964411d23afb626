/**
 * Process trees of this machine (commons-exec): the engine of the local and Apptainer executors.
 */
package org.vipboutiques.process;
