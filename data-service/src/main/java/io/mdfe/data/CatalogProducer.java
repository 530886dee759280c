package io.mdfe.data;

import io.mdfe.data.catalog.CatalogStore;
import io.mdfe.data.catalog.DatasetCatalog;
import io.mdfe.data.dataset.DatasetReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Builds the plain-Java catalog from the service's configuration; it loads the persisted state on creation. */
@ApplicationScoped
public class CatalogProducer {

    @Produces
    @ApplicationScoped
    DatasetCatalog catalog(DataServiceConfig config, DatasetReader reader) {
        return new DatasetCatalog(config.allowedRoot(), reader, new CatalogStore(config.stateDir()), Clock.systemUTC(),
                config.manifestCacheSize());
    }
}
