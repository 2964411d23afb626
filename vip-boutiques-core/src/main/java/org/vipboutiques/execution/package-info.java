/**
 * The executor API: submit a {@link org.vipboutiques.execution.JobRequest} to an {@link
 * org.vipboutiques.execution.JobExecutor} found by name, follow the {@link
 * org.vipboutiques.execution.Job}, read its {@link org.vipboutiques.execution.JobResult}. Names no
 * back end.
 */
package org.vipboutiques.execution;
