/**
 * JMH benchmarks of validation and simulation, and the launch-overhead measurement. Not published.
 */
package org.vipboutiques.bench;
