/**
 * A bounded JSON reader (size, depth, count: {@link org.vipboutiques.json.JsonLimits}) and
 * immutable JSON values; numbers print as Python prints them.
 */
package org.vipboutiques.json;
