/**
 * The Docker executor ({@code docker}, docker-java): containers, mounts, logs and NVIDIA GPUs.
 */
package org.vipboutiques.docker;
