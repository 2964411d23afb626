/**
 * Invocations: the values given to a tool, checked against its descriptor with every rule of
 * {@code bosh}.
 */
package org.vipboutiques.invocation;
