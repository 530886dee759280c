package io.mdfe.core.data.uned;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What training does with an item of a UnED train split that has several class ids
 * ({@code DATASET.multi_label}): a softmax head needs exactly one target class per image.
 */
public enum MultiLabelPolicy {
    /** Stop with an error naming the file, the item and this option (the default). */
    ERROR,
    /** Leave the item out of training. */
    SKIP,
    /** Train on the item's first class id. */
    FIRST;

    /** The config key that chooses the policy. */
    public static final String KEY = "DATASET.multi_label";

    /** {@return the config value naming this policy} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the policy a {@value #KEY} value names}
     *
     * @throws IllegalArgumentException listing the allowed values
     */
    public static MultiLabelPolicy parse(String value) {
        return Arrays.stream(values()).filter(p -> p.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(KEY + ": unknown value '" + value + "'; allowed: "
                        + Arrays.stream(values()).map(MultiLabelPolicy::value).collect(Collectors.joining(", "))));
    }
}
