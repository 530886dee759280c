package io.mdfe.core.eval;

import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeddings computed elsewhere ({@code mdfe evaluate --descriptors DIR}): one float32 {@code .npy}
 * per domain and split, {@code DIR/<domain>/<split>.npy}, rows in info-file order (what
 * {@code mdfe extract} writes for an info file). Each file is checked: row count, dimension (the config's, or
 * else the first file's), finite values.
 */
public final class DescriptorFiles implements SplitEmbeddings {

    private final Path dir;
    private int expectedDim;
    private String expectedBy;

    /**
     * Reads descriptors under {@code dir}, which must all be {@code expectedDim} wide.
     *
     * @param expectedBy what sets the width, named in the error (e.g. "MODEL.embedding_dim of configs/x.yaml")
     */
    public DescriptorFiles(Path dir, int expectedDim, String expectedBy) {
        this.dir = dir;
        this.expectedDim = expectedDim;
        this.expectedBy = expectedBy;
    }

    /** Reads descriptors under {@code dir}, all as wide as the first file read (no config says the width). */
    public DescriptorFiles(Path dir) {
        this(dir, -1, null);
    }

    /** The file holding {@code domain}'s {@code split}. */
    public Path file(UnedDomain domain, String split) {
        return dir.resolve(domain.name()).resolve(split + ".npy");
    }

    @Override
    public NpyMatrix embed(UnedDomain domain, String split, List<UnedItem> items) throws IOException {
        Path file = file(domain, split);
        String where = "descriptors of " + domain.name() + "/" + split + " (" + file + ")";
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": file not found; write it with mdfe extract <bundle> "
                    + "<data_dir>/info_files/" + domain.name() + "/" + split + ".json --out " + file);
        }
        NpyMatrix m = NpyMatrix.read(file);
        if (m.rows() != items.size()) {
            throw new IllegalArgumentException(where + ": " + m.rows() + " rows, but the info file lists "
                    + items.size() + " items");
        }
        if (expectedBy == null) {
            expectedDim = m.cols();
            expectedBy = "the width of " + file;
        }
        if (m.cols() != expectedDim) {
            throw new IllegalArgumentException(where + ": dimension " + m.cols() + ", but " + expectedBy + " is "
                    + expectedDim);
        }
        float[] data = m.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(where + ": row " + (i / m.cols()) + " holds " + data[i]);
            }
        }
        return m;
    }
}
