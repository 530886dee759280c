/**
 * Image transforms: PIL-exact bicubic resampling, the inference resize + normalise, and the training
 * transforms of the upstream TRANSFORM.name values (crop strategies, pixel augmentations) behind
 * the {@link io.mdfe.core.data.transform.ImageTransform} seam.
 */
package io.mdfe.core.data.transform;
