/**
 * Example invocations generated from a descriptor, as {@code bosh example} makes them.
 */
package org.vipboutiques.example;
