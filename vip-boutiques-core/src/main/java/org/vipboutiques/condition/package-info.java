/**
 * The Python-like conditions of conditional output paths: parsed, type-checked and evaluated as
 * data, never executed.
 */
package org.vipboutiques.condition;
