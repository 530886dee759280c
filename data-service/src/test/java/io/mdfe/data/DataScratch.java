package io.mdfe.data;

import io.mdfe.service.common.testing.ScratchDirsResource;
import java.util.Map;

/** Fresh data root and catalog directories for {@link DataServiceTest} and the packaged {@link DataServiceIT}. */
public class DataScratch extends ScratchDirsResource {

    static final String DATA_ROOT = "mdfe.data.allowed-root";

    @Override
    protected Map<String, String> directories() {
        return Map.of(DATA_ROOT, "data", "mdfe.data.state-dir", "state");
    }
}
