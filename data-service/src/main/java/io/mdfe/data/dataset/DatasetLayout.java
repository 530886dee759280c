package io.mdfe.data.dataset;

/** How a dataset directory is laid out on disk (mirrors {@code io.mdfe.core.data.dataset.DatasetFormat}). */
public enum DatasetLayout {
    /** {@code <root>/<name>_train.csv} with header {@code img_path,label}; paths relative to root. */
    CSV,
    /** UnED: {@code <root>/info_files/<domain>/train.json}; images under {@code <root>/images/<domain>/}. */
    UNED
}
