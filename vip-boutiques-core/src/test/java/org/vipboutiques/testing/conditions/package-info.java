/**
 * Declared conditions for tests that need something outside the JVM (a Docker engine, a Podman
 * service, a Slurm cluster, the reference implementation), in the style of Testcontainers'
 * {@code @Testcontainers(disabledWithoutDocker = true)}: a test class or method annotated
 * {@link org.vipboutiques.testing.conditions.EnabledIfDocker @EnabledIfDocker} (and the like) is
 * skipped, with the reason and how to get the part, where the part is out of reach; and fails
 * instead where the matching {@code VIPB_REQUIRE_*} variable is set (as CI sets them), so that a
 * machine meant to have the part cannot pass by skipping. Each part is looked for once per test
 * JVM, as its own clients look for it ({@code DOCKER_HOST}, {@code CONTAINER_HOST}, {@code SLURM_CONF}). Lifecycle
 * methods of a disabled class never run, so no {@code @AfterEach} meets a half-made fixture.
 */
package org.vipboutiques.testing.conditions;
