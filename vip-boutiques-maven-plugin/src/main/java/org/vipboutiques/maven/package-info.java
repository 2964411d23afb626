/**
 * The {@code vip-boutiques-maven-plugin}: goals {@code validate} (descriptors and invocations of a
 * folder, one line per error) and {@code test} (the descriptors' {@code tests} on an executor),
 * both writing Surefire-style XML reports.
 */
package org.vipboutiques.maven;
