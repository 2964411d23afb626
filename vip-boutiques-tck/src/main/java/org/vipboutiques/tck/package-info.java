/**
 * The executor contract, a technology compatibility kit for back ends: what every
 * {@link org.vipboutiques.execution.JobExecutor} owes its callers, as JUnit Jupiter tests. A back
 * end, here or written elsewhere, takes this jar in test scope and extends
 * {@link org.vipboutiques.tck.ExecutorContract} with a class that says how to make its executor
 * (as docker-java's transport TCK does for its HTTP transports). Its own package, so that it never
 * splits a package with core on the module path (module {@code org.vipboutiques.tck}).
 */
package org.vipboutiques.tck;
