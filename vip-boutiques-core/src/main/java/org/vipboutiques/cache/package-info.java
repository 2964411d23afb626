/**
 * An opt-in, content-addressed result cache in front of any executor: a job whose key (the
 * descriptor, the invocation after defaults, the content of every File input, the container image,
 * the environment) matches a successful earlier run gets that run's outputs, copied into its own
 * job folder, without running. Turn it on with the {@code cache} setting of
 * {@link org.vipboutiques.execution.ExecutorConfig} (a folder), {@code launch --cache DIR}, or
 * {@link org.vipboutiques.cache.ResultCache#wrap}.
 */
package org.vipboutiques.cache;
