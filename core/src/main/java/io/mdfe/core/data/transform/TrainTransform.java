package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.List;
import java.util.Random;

/**
 * A training transform: a crop strategy to size x size, pixel augmentations in order, then
 * ToTensor + Normalize. Built by {@link TransformRegistry} from the upstream TRANSFORM.name.
 */
public final class TrainTransform implements ImageTransform {

    private final String name;
    private final int size;
    private final CropStrategy crop;
    private final List<PixelAugmentation> augmentations;
    private final Normalization normalization;

    /**
     * @param name the TRANSFORM.name this implements (for messages)
     * @param size output height and width
     * @param crop the geometric step
     * @param augmentations pixel augmentations applied after the crop, in order
     * @param normalization the final ToTensor + Normalize
     */
    public TrainTransform(String name, int size, CropStrategy crop, List<PixelAugmentation> augmentations,
                          Normalization normalization) {
        this.name = name;
        this.size = TransformRegistry.requireSize(size);
        this.crop = crop;
        this.augmentations = List.copyOf(augmentations);
        this.normalization = normalization;
    }

    @Override
    public float[] apply(RgbImage image, Random rng) {
        float[] chw = crop.apply(image, size, rng);
        for (PixelAugmentation augmentation : augmentations) {
            augmentation.apply(chw, size, rng);
        }
        return normalization.apply(chw);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean deterministic() {
        return crop.deterministic() && augmentations.isEmpty();
    }

    @Override
    public String cacheKey() {
        return name + "/" + size + "/" + normalization;
    }

    @Override
    public String toString() {
        return "TrainTransform[" + name + ", size=" + size + ", crop=" + crop + ", augmentations=" + augmentations + "]";
    }
}
