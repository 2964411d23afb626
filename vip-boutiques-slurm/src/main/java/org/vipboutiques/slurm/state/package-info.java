/**
 * Slurm's reports (sacct, scontrol) read into job states and exit statuses.
 */
package org.vipboutiques.slurm.state;
