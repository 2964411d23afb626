package org.vipboutiques.testing.conditions;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The shared logic of the {@code @EnabledIf...} conditions: the element's annotation, the probe's
 * answer (each probe caches its own, so a part is looked for once per JVM), and skip or fail.
 * A condition throwing makes JUnit fail the annotated class or method, which is how a required
 * part's absence becomes a failure rather than a skip.
 *
 * @param <A> the annotation this condition reads
 */
public abstract class RequirementCondition<A extends Annotation> implements ExecutionCondition {

  private final Class<A> annotationType;

  protected RequirementCondition(Class<A> annotationType) {
    this.annotationType = annotationType;
  }

  /** What looking for the part the annotation names finds (cached by the implementation). */
  protected abstract Probe probe(A annotation, ExtensionContext context);

  /** The variable whose setting makes the part's absence a failure here, if it is set; empty if not. */
  protected abstract Optional<String> requiredBy(A annotation, ExtensionContext context);

  @Override
  public final ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<A> annotation = context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, annotationType));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("not annotated @" + annotationType.getSimpleName());
    }
    Probe probe = probe(annotation.get(), context);
    return decide(probe, requiredBy(annotation.get(), context));
  }

  /** Enabled where present; disabled with the reason where absent; throws where absent but required. */
  static ConditionEvaluationResult decide(Probe probe, Optional<String> requiredBy) {
    if (probe.present()) {
      return ConditionEvaluationResult.enabled(probe.detail());
    }
    if (requiredBy.isPresent()) {
      throw new RequiredPartAbsentException(probe.detail() + " (required here: " + requiredBy.get()
          + " is set)");
    }
    return ConditionEvaluationResult.disabled(probe.detail());
  }
}
