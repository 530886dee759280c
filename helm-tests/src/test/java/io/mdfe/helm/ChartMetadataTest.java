package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chart.yaml stays a v2 chart whose appVersion (the default image tag) is the Maven project version. */
class ChartMetadataTest {

    @Test
    void appVersionIsTheProjectVersion() throws IOException {
        Map<String, Object> chart = Chart.loadYaml(Chart.dir().resolve("Chart.yaml"));
        String projectVersion = System.getProperty("mdfe.project.version");
        assertNotNull(projectVersion, "surefire must pass mdfe.project.version");
        assertEquals("v2", chart.get("apiVersion"));
        assertEquals(projectVersion, chart.get("appVersion"));
    }
}
