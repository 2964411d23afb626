/**
 * The Apptainer/Singularity executor ({@code apptainer}): runs a tool in its image as a process
 * tree of this machine, {@code --nv} for GPU tools.
 */
package org.vipboutiques.apptainer;
