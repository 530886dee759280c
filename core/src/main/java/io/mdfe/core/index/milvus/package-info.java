/**
 * The Milvus backend of {@link io.mdfe.core.index.VectorIndex}: one Milvus collection per index
 * (int64 primary key {@code id} = insertion order, float vector field {@code vector}), written and
 * searched through the Milvus Java SDK's v2 client.
 *
 * <p>{@link io.mdfe.core.index.milvus.MilvusConnection} says where the server is (secrets never
 * printed), {@link io.mdfe.core.index.milvus.MilvusIndexOptions} how the collection is indexed and
 * searched, and {@link io.mdfe.core.index.milvus.MilvusIndexFactory} makes and reloads indexes.
 */
package io.mdfe.core.index.milvus;
