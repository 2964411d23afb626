/**
 * The local executor ({@code local}): a tool as a process tree of this machine, without a
 * container.
 */
package org.vipboutiques.local;
