/**
 * The record of submitted grid jobs, to re-attach to them later.
 */
package org.vipboutiques.dirac.store;
