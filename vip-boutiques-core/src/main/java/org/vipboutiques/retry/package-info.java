/**
 * Retries where the infrastructure fails: a {@link org.vipboutiques.retry.RetryPolicy} per executor
 * (its {@code retries} settings) or per job, applied in front of every back end by one mechanism.
 * A back end only says which of its failures are the infrastructure's
 * ({@link org.vipboutiques.execution.FailureKind#INFRASTRUCTURE}); each retry starts from a clean
 * job folder, and every attempt is in the result, told to the listeners and in the provenance
 * record.
 */
package org.vipboutiques.retry;
