/**
 * The Podman executor ({@code podman}, the podman command): containers, mounts, logs and GPUs as
 * CDI devices.
 */
package org.vipboutiques.podman;
