/** Cooperative cancellation of long work (index builds, large searches) by callers that gave up. */
package io.mdfe.core.concurrent;
