/**
 * Generated messages and stubs of {@code mdfe/index/v1/index.proto}: the index-service API (create,
 * stream-add, build, search, stats and delete of named nearest-neighbour indexes).
 */
package io.mdfe.proto.index;
