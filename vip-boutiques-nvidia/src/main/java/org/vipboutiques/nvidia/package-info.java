/**
 * The NVIDIA GPUs of this machine, read with {@code nvidia-smi}: the
 * {@link org.vipboutiques.execution.gpu.GpuProbe} behind the GPU pre-flight and device pool of the
 * executors that run tools on this machine.
 */
package org.vipboutiques.nvidia;
