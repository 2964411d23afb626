/**
 * Numeric comparisons of a tool's outputs with reference files, and searches in what it printed,
 * for the {@code vip:} test assertions (see {@link org.vipboutiques.descriptor.TestConventions}):
 * they let the same test pass on back ends that differ in the last bits (CPU and GPU arithmetic).
 * Every file is bounded before it is read ({@link ComparisonLimits}); images are streamed, never
 * held whole.
 */
package org.vipboutiques.testing.tolerance;
