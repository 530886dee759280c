/**
 * The backbone seam of the model: a foundation model that maps normalised images
 * {@code (B, 3, H, W)} to features {@code (B, outputDim)}.
 *
 * <p>{@link io.mdfe.core.model.backbone.BackboneRegistry} maps the upstream
 * {@code MODEL.BACKBONE.type} strings to a {@link io.mdfe.core.model.backbone.BackboneFactory}:
 * the eight upstream foundation-model types load TorchScript exports
 * ({@link io.mdfe.core.model.backbone.TorchScriptBackbone}, written by
 * {@code tools/export_backbone.py}); {@code demo-cnn} is a small CNN that trains from scratch
 * ({@link io.mdfe.core.model.backbone.DemoCnnBackbone}). Each backbone describes itself with a
 * {@link io.mdfe.core.model.backbone.BackboneInfo}, stored as {@code backbone.json} next to the
 * TorchScript file.
 */
package io.mdfe.core.model.backbone;
