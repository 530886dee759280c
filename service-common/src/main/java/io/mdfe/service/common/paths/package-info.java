/**
 * The artifact-root policy every service applies to paths from outside: {@link
 * io.mdfe.service.common.paths.RootedPaths} over core's {@link io.mdfe.core.io.PathPolicy}.
 */
package io.mdfe.service.common.paths;
