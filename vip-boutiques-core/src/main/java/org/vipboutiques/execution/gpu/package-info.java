/**
 * The GPUs of this machine: what they are ({@link org.vipboutiques.execution.gpu.GpuInventory},
 * read by a {@link org.vipboutiques.execution.gpu.GpuProbe} found through {@code ServiceLoader}),
 * whether a tool's {@code vip:gpu} requirement fits them ({@link org.vipboutiques.execution.gpu.GpuCheck}),
 * and which free devices a job gets ({@link org.vipboutiques.execution.gpu.GpuPool}, shared by every
 * process of the machine through lock files). Back ends that run jobs on this machine call
 * {@link org.vipboutiques.execution.gpu.GpuPlan} at submit and before the tool starts.
 */
package org.vipboutiques.execution.gpu;
