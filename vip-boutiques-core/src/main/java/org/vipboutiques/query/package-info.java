/** The resolved values of an invocation, queried as {@code bosh evaluate} does. */
package org.vipboutiques.query;
