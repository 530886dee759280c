/**
 * The dataset catalog: {@link io.mdfe.data.catalog.DatasetCatalog} registers dataset directories and keeps
 * their versions, each with a {@link io.mdfe.data.catalog.FrozenManifest}; {@link io.mdfe.data.catalog.CatalogStore}
 * persists both as JSON with atomic writes. Plain Java: CDI wiring lives in {@code CatalogProducer}.
 */
package io.mdfe.data.catalog;
