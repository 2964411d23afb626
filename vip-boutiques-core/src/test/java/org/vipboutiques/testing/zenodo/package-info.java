/** A Zenodo-compatible HTTP server for tests, with the failures a real one has. */
package org.vipboutiques.testing.zenodo;
