package io.mdfe.core.index.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets of a {@link MilvusConnection} never show in {@code toString}, as the SDK's CredentialRedactionTest asks. */
class MilvusConnectionTest {

    @Test
    void toStringRedactsTokenAndPassword() {
        String token = new MilvusConnection("https://in03.example.cloud:443", "tok-9f8e7d", null, null, "prod").toString();
        String password = new MilvusConnection("http://milvus:19530", null, "alice", "pa55-word", null).toString();

        assertEquals("MilvusConnection[uri=https://in03.example.cloud:443, database=prod, token=***, user=none, password=none]", token);
        assertEquals("MilvusConnection[uri=http://milvus:19530, database=default, token=none, user=alice, password=***]", password);
    }

    @Test
    void userInfoInTheUriIsNeverShown() {
        MilvusConnection connection = MilvusConnection.of("http://bob:hunter2@milvus:19530/x?key=abc");
        assertEquals("http://milvus:19530/x", connection.publicUri());
        assertFalse(connection.toString().contains("hunter2") || connection.toString().contains("abc"), connection.toString());
    }

    @Test
    void factoryAndIndexToStringHideSecretsToo() throws Exception {
        try (MilvusStandIn milvus = MilvusStandIn.start()) {
            MilvusIndexFactory factory = new MilvusIndexFactory(new MilvusConnection(milvus.uri(), "tok-9f8e7d", null, null, null));
            try (MilvusIndex index = factory.create(new IndexSpec("m", "1", 2, Metric.DOT), Map.of("collection", "c1"))) {
                assertFalse(factory.toString().contains("tok-9f8e7d"), factory.toString());
                assertFalse(index.toString().contains("tok-9f8e7d"), index.toString());
                assertTrue(index.toString().startsWith("MilvusIndex[c1 at " + milvus.uri()), index.toString());
            }
        }
    }

    @Test
    void refusesAmbiguousOrMissingSettings() {
        assertThrows(IllegalArgumentException.class, () -> MilvusConnection.of(" "));
        assertThrows(IllegalArgumentException.class, () -> new MilvusConnection("http://m:1", "t", "u", "p", null));
        assertThrows(IllegalArgumentException.class, () -> new MilvusConnection("http://m:1", null, null, "p", null));
    }
}
