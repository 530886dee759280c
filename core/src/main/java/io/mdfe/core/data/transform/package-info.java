/** Image transforms: resampling and the inference resize + normalise of each backbone. */
package io.mdfe.core.data.transform;
