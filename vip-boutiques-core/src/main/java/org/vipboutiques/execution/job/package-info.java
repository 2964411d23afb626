/**
 * Building blocks for executors, here and written elsewhere: job folders, job state and its
 * listeners, log capture, job slots, and the store that lets an application re-attach to its jobs.
 */
package org.vipboutiques.execution.job;
