/**
 * The command line {@code bosh exec simulate} would build from a descriptor and an invocation, and
 * the output paths.
 */
package org.vipboutiques.commandline;
