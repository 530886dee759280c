package io.mdfe.core.data.transform;

import io.mdfe.core.config.TransformConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training transforms keyed by the upstream {@code TRANSFORM.name} values.
 *
 * <ul>
 *   <li>{@code openai-clip}: Resize(size) shorter side, bicubic + CenterCrop(size); deterministic.</li>
 *   <li>{@code openclip}, {@code eva-clip}: RandomResizedCrop(size, scale (0.9, 1.0), ratio (1, 1)).</li>
 *   <li>{@code siglip}: RandomResizedCrop with torchvision's default scale (0.08, 1.0) and ratio
 *       (3/4, 4/3), since upstream names no range for it, + ColorJitter(0.4, 0.4, 0.4), i.e. factors
 *       in 0.6..1.4.</li>
 *   <li>{@code custom}: RandomResizedCrop(scale (0.9, 1.0), ratio (1, 1)) + RandomHorizontalFlip(0.5)
 *       + ColorJitter(0.4, 0.4, 0.4).</li>
 * </ul>
 * All end with ToTensor + Normalize(mean, std).
 */
public final class TransformRegistry {

    private static final RandomResizedCrop NEAR_FULL_SQUARE = new RandomResizedCrop(0.9, 1.0, 1.0, 1.0);
    private static final RandomResizedCrop TORCHVISION_DEFAULT = new RandomResizedCrop(0.08, 1.0, 3.0 / 4, 4.0 / 3);
    private static final ColorJitter JITTER = new ColorJitter(0.4, 0.4, 0.4);

    private static final Map<String, Recipe> RECIPES = new TreeMap<>(Map.of(
            "openai-clip", new Recipe(new ResizeCentreCrop(), List.of()),
            "openclip", new Recipe(NEAR_FULL_SQUARE, List.of()),
            "eva-clip", new Recipe(NEAR_FULL_SQUARE, List.of()),
            "siglip", new Recipe(TORCHVISION_DEFAULT, List.of(JITTER)),
            "custom", new Recipe(NEAR_FULL_SQUARE, List.of(new RandomHorizontalFlip(0.5), JITTER))));

    private TransformRegistry() {
    }

    /** The valid TRANSFORM.name values, sorted. */
    public static List<String> names() {
        return List.copyOf(RECIPES.keySet());
    }

    /**
     * The training transform called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static ImageTransform create(String name, int size, Normalization normalization) {
        Recipe recipe = RECIPES.get(name);
        if (recipe == null) {
            throw new IllegalArgumentException("unknown TRANSFORM.name '" + name + "'; valid: " + String.join(", ", names()));
        }
        return new TrainTransform(name, size, recipe.crop(), recipe.augmentations(), normalization);
    }

    /**
     * The training transform of a resolved config section.
     *
     * @throws IllegalArgumentException for an unknown name or a mean/std not yet resolved to 3 values
     */
    public static ImageTransform create(TransformConfig config) {
        return create(config.name(), config.size(), Normalization.of(config.mean(), config.std()));
    }

    static int requireSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("TRANSFORM.size must be >= 1, got " + size);
        }
        return size;
    }

    private record Recipe(CropStrategy crop, List<PixelAugmentation> augmentations) {
    }
}
