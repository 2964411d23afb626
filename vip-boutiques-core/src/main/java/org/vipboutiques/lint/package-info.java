/**
 * A portability lint for descriptors: warnings where a valid descriptor's meaning depends on a
 * quirk of the reference implementation (so that {@code bosh} and vip-boutiques, or a later
 * {@code bosh}, may read it differently), or where it is incomplete for others to run (an
 * unpinned image, a GPU requirement without a policy, inputs without descriptions, no tests).
 * {@link DescriptorLint} is the entry point; the command line's {@code lint} and build plugins
 * call it.
 */
package org.vipboutiques.lint;
