/**
 * A descriptor's tests as JUnit 5 dynamic tests, for a tool's own build: {@link
 * org.vipboutiques.junit.BoutiquesTests}.
 */
package org.vipboutiques.junit;
