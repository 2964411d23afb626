/**
 * What a tool's container is made of, whatever engine runs it: {@link
 * org.vipboutiques.execution.container.ContainerSpec} (image, entrypoint and script, the job folder
 * and File inputs mounted at their own paths, environment, user, limits, GPUs, labels), the
 * descriptor's {@code container-opts} read into checked fields ({@link
 * org.vipboutiques.execution.container.ContainerOptions}) under the executor's {@link
 * org.vipboutiques.execution.container.OptionAllowance} policy, and the labels by which a back end
 * finds and reaps the containers of this library ({@link
 * org.vipboutiques.execution.container.ContainerLabels}). Each container back end maps a spec to its
 * own calls (an engine's API, a command line); none of them knows another.
 */
package org.vipboutiques.execution.container;
