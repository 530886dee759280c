/**
 * Test support published in the {@code mdfe-service-common} test-jar: {@link io.mdfe.service.common.testing.ServiceBootTest},
 * the boot test every service extends, and {@link io.mdfe.service.common.testing.ScratchDirsResource} for the
 * directories its real-work tests use in both the {@code @QuarkusTest} and the packaged {@code *IT}.
 */
package io.mdfe.service.common.testing;
