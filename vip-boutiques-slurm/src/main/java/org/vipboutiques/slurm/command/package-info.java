/**
 * Calls to the Slurm commands (sbatch, squeue, sacct, scontrol, scancel), bounded and counted.
 */
package org.vipboutiques.slurm.command;
