/**
 * The entry point: {@link org.vipboutiques.Boutiques} loads and validates descriptors, checks
 * invocations and builds command lines.
 */
package org.vipboutiques;
