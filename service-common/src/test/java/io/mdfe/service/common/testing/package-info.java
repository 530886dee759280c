/**
 * Test support published in the {@code mdfe-service-common} test-jar: {@link io.mdfe.service.common.testing.ServiceBootTest},
 * the boot test every service extends with a one-line subclass, and {@link io.mdfe.service.common.testing.LogCapture}.
 */
package io.mdfe.service.common.testing;
