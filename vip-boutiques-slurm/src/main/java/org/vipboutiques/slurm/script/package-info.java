/**
 * The batch scripts written for Slurm jobs.
 */
package org.vipboutiques.slurm.script;
