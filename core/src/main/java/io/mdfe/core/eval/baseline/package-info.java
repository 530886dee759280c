/**
 * Trivial descriptors to score a model against: a model that does not beat 8x8 grey thumbnails on
 * the same split and protocol has learnt nothing a user could not get for free. A new baseline is one
 * {@link io.mdfe.core.eval.baseline.Baseline} class plus one line in
 * {@link io.mdfe.core.eval.baseline.BaselineRegistry}.
 */
package io.mdfe.core.eval.baseline;
