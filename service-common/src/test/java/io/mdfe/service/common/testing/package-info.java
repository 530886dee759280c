/**
 * Test support published in the {@code mdfe-service-common} test-jar: {@link io.mdfe.service.common.testing.ServiceBootTest},
 * the boot test every service extends; {@link io.mdfe.service.common.testing.ScratchDirsResource} for the
 * directories its real-work tests use in both the {@code @QuarkusTest} and the packaged {@code *IT};
 * {@link io.mdfe.service.common.testing.TestPki}, the CA and certificates of the TLS tests (its users add
 * {@code org.bouncycastle:bcpkix-jdk18on} as a test dependency); and {@link io.mdfe.service.common.testing.LogCapture},
 * which reads what a test's code logged.
 */
package io.mdfe.service.common.testing;
