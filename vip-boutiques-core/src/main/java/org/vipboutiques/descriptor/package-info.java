/**
 * Boutiques descriptors as immutable values: inputs, outputs, groups, container image, tests and
 * the GPU convention.
 */
package org.vipboutiques.descriptor;
