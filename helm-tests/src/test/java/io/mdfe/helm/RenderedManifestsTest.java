package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** k8s/rendered/ is the chart as it is now: regenerate it with tools/render-k8s.sh after changing the chart. */
class RenderedManifestsTest {

    @Test
    void renderedManifestsAreInSyncWithTheChart() throws IOException {
        String committed = Files.readString(Chart.repoRoot().resolve(RenderK8s.FILE));
        assertEquals(RenderK8s.content(), committed, RenderK8s.FILE + " is out of date: run tools/render-k8s.sh");
    }
}
