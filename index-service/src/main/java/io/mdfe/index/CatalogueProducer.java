package io.mdfe.index;

import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.milvus.MilvusConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import org.jboss.logging.Logger;

/** Makes the service's {@link IndexCatalogue} from {@link IndexServiceConfig}, and closes it at shutdown. */
@ApplicationScoped
public class CatalogueProducer {

    private static final Logger LOG = Logger.getLogger(CatalogueProducer.class);

    /** The catalogue in the configured state directory, with the configured backends. */
    @Produces
    @ApplicationScoped
    IndexCatalogue catalogue(IndexServiceConfig config) throws IOException {
        IndexRegistry registry = config.milvus().uri()
                .map(uri -> IndexRegistry.standard(new MilvusConnection(uri, config.milvus().token().orElse(null),
                        config.milvus().user().orElse(null), config.milvus().password().orElse(null),
                        config.milvus().database().orElse(null))))
                .orElseGet(() -> {
                    LOG.info("milvus index backend off: mdfe.index.milvus.uri is not set");
                    return IndexRegistry.local();
                });
        LOG.infof("index catalogue in %s, backends %s", config.stateDir(), registry.names());
        return new IndexCatalogue(config.stateDir(), registry, config.limits().maxUnbuilt());
    }

    void close(@Disposes IndexCatalogue catalogue) {
        catalogue.close();
    }
}
