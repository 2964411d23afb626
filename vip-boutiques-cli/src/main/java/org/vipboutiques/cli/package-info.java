/**
 * The {@code vip-boutiques} command (picocli): validate, simulate, example, invocation, evaluate,
 * pprint, launch, test. Internal to the command.
 */
package org.vipboutiques.cli;
