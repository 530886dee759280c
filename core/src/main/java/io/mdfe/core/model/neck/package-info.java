/**
 * Necks: the projection from backbone features to the embedding ({@code MODEL.NECK.neck_type}).
 *
 * <p>{@link io.mdfe.core.model.neck.NeckRegistry} maps the upstream names to implementations; a new
 * neck is one class plus one registry line.
 */
package io.mdfe.core.model.neck;
