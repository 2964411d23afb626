/**
 * What the executors' provenance record tests share: a run of {@link
 * org.vipboutiques.provenance.ProvenanceFixture}'s tool by the reference and by one of our
 * executors, whose records the reference's reader ({@code bosh data inspect}) must show and agree on.
 */
package org.vipboutiques.testing.provenance;
