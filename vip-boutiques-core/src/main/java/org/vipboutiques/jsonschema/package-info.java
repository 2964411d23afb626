/**
 * JSON Schema draft-04 checked with the semantics of the Python {@code jsonschema} package the
 * reference uses (booleans are not numbers, {@code 1 == 1.0} in enums and unique items).
 */
package org.vipboutiques.jsonschema;
