/**
 * Sweeps: one tool over many inputs, as VIP iterates them. Each swept input gets a list of
 * values; the inputs named in the descriptor's {@code custom."vip:dot"} are zipped (the i-th
 * values together), every other input is crossed, and the zipped tuples are crossed with the
 * rest. {@link org.vipboutiques.sweep.Sweep} expands and checks every combination before anything
 * runs; {@link org.vipboutiques.sweep.Sweep#submit} submits them in bulk and
 * {@link org.vipboutiques.sweep.SubmittedSweep} follows them to the end.
 */
package org.vipboutiques.sweep;
