package io.mdfe.index;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Runs {@link SecuredIndexServiceTest} against the packaged application (`mvn verify`), which was built
 * without any TLS setting: TLS, mutual TLS and authorization must all be switchable at run time, as the
 * Helm chart does.
 */
@QuarkusIntegrationTest
@TestProfile(SecuredIndexServiceTest.Secured.class)
class SecuredIndexServiceIT extends SecuredIndexServiceTest {
}
