/**
 * The Slurm executor ({@code slurm}): batch jobs and job arrays, followed to their end.
 */
package org.vipboutiques.slurm;
