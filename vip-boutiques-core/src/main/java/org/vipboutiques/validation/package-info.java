/**
 * Descriptor validation: the Boutiques schema and every semantic rule of {@code bosh validate}, as
 * a report.
 */
package org.vipboutiques.validation;
