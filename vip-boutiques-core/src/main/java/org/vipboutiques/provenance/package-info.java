/**
 * Provenance records: every finished run, whatever its back end and however it ended, leaves a
 * record in the reference's data collection format ({@code bosh exec launch} writes the same, and
 * {@code bosh data inspect} reads it), in the same folder ({@code ~/.cache/boutiques/data} unless
 * configured), with the descriptor saved beside it. What the reference does not record (executor,
 * back-end job id, container image, host, attempts, timings) is in the same record under the key
 * {@value org.vipboutiques.provenance.ProvenanceRecords#EXECUTION_KEY}. A request chooses with
 * {@link org.vipboutiques.provenance.DataCollection}.
 */
package org.vipboutiques.provenance;
