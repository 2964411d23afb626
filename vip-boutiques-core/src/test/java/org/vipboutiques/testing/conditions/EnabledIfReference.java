package org.vipboutiques.testing.conditions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class or method only where the reference implementation can run: its folder is here
 * ({@link Reference#folder()}) and a python3 ({@link Reference#python()}) runs and imports what it
 * needs (simplejson, jsonschema, termcolor, tabulate, and the reference's own package). Skipped,
 * saying what is missing, elsewhere; failed instead where {@code VIPB_REQUIRE_REFERENCE} is set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ReferenceCondition.class)
public @interface EnabledIfReference {}
