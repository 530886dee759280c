package io.mdfe.core.model.head;

import java.util.Arrays;
import java.util.Objects;

/**
 * Hyperparameters of a margin head, named after the upstream {@code MODEL.HEAD} keys.
 *
 * <p>Angles are in radians. The record validates itself; every error names the upstream key and
 * the allowed range. Build it with {@link #builder()}, which supplies the upstream defaults.
 *
 * @param name upstream {@code MODEL.HEAD.name}, see {@link HeadRegistry#names()}
 * @param numClasses number of training classes C (labels are 0..C-1), at least 2
 * @param embeddingDim embedding size d ({@code MODEL.embedding_dim})
 * @param k sub-centres per class ({@code MODEL.HEAD.k}); k &gt; 1 means sub-center
 * @param scale logit scale s ({@code MODEL.HEAD.s})
 * @param dynamicScale whether AdaCos adapts s ({@code MODEL.HEAD.dynamic_s})
 * @param marginRad additive angular margin m ({@code MODEL.HEAD.m})
 * @param marginMaxRad largest per-class margin of DynM-ArcFace ({@code MODEL.HEAD.m_max})
 * @param marginMinRad smallest per-class margin of DynM-ArcFace ({@code MODEL.HEAD.m_min})
 * @param h AdaFace norm-concentration factor ({@code MODEL.HEAD.h})
 * @param tAlpha AdaFace momentum of the norm statistics ({@code MODEL.HEAD.t_alpha})
 * @param classCounts training samples per class in label order, or null when unknown ({@code
 *     DATASET.cls_dist_file})
 */
public record HeadSpec(
        String name,
        int numClasses,
        int embeddingDim,
        int k,
        float scale,
        boolean dynamicScale,
        float marginRad,
        float marginMaxRad,
        float marginMinRad,
        float h,
        float tAlpha,
        long[] classCounts) {

    /** Validates every field and copies the class counts. */
    public HeadSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "MODEL.HEAD.name is missing; allowed: " + HeadRegistry.names());
        }
        require(numClasses >= 2, "number of classes", "must be >= 2", numClasses);
        require(embeddingDim >= 1, "MODEL.embedding_dim", "must be >= 1", embeddingDim);
        require(k >= 1, "MODEL.HEAD.k", "must be >= 1", k);
        require(
                (long) numClasses * k <= Integer.MAX_VALUE,
                "MODEL.HEAD.k",
                "times the number of classes must fit an int",
                k);
        require(Float.isFinite(scale) && scale > 0, "MODEL.HEAD.s", "must be > 0", scale);
        requireAngle(marginRad, "MODEL.HEAD.m");
        requireAngle(marginMaxRad, "MODEL.HEAD.m_max");
        requireAngle(marginMinRad, "MODEL.HEAD.m_min");
        require(
                marginMinRad <= marginMaxRad,
                "MODEL.HEAD.m_min",
                "must be <= MODEL.HEAD.m_max (" + marginMaxRad + ")",
                marginMinRad);
        require(Float.isFinite(h) && h >= 0, "MODEL.HEAD.h", "must be >= 0", h);
        require(tAlpha >= 0 && tAlpha <= 1, "MODEL.HEAD.t_alpha", "must be in [0, 1]", tAlpha);
        if (classCounts != null) {
            require(
                    classCounts.length == numClasses,
                    "DATASET.cls_dist_file",
                    "must list one count per class (" + numClasses + ")",
                    classCounts.length + " counts");
            for (int c = 0; c < classCounts.length; c++) {
                require(
                        classCounts[c] >= 0,
                        "DATASET.cls_dist_file",
                        "counts must be >= 0 (class " + c + ")",
                        classCounts[c]);
            }
            classCounts = classCounts.clone();
        }
    }

    /**
     * Returns the samples per class, or null when no class distribution was given.
     *
     * @return a copy of the class counts, or null
     */
    @Override
    public long[] classCounts() {
        return classCounts == null ? null : classCounts.clone();
    }

    /**
     * Returns the number of rows of the weight matrix, {@code numClasses * k}.
     *
     * @return the number of class centres including sub-centres
     */
    public int numCentres() {
        return numClasses * k;
    }

    /**
     * Returns a copy of this spec with another class distribution.
     *
     * @param counts samples per class in label order, or null
     * @return the new spec
     */
    public HeadSpec withClassCounts(long[] counts) {
        return new HeadSpec(
                name, numClasses, embeddingDim, k, scale, dynamicScale, marginRad, marginMaxRad,
                marginMinRad, h, tAlpha, counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadSpec other
                && name.equals(other.name)
                && numClasses == other.numClasses
                && embeddingDim == other.embeddingDim
                && k == other.k
                && Float.compare(scale, other.scale) == 0
                && dynamicScale == other.dynamicScale
                && Float.compare(marginRad, other.marginRad) == 0
                && Float.compare(marginMaxRad, other.marginMaxRad) == 0
                && Float.compare(marginMinRad, other.marginMinRad) == 0
                && Float.compare(h, other.h) == 0
                && Float.compare(tAlpha, other.tAlpha) == 0
                && Arrays.equals(classCounts, other.classCounts);
    }

    @Override
    public int hashCode() {
        return 31
                        * Objects.hash(
                                name, numClasses, embeddingDim, k, scale, dynamicScale,
                                marginRad, marginMaxRad, marginMinRad, h, tAlpha)
                + Arrays.hashCode(classCounts);
    }

    @Override
    public String toString() {
        return "HeadSpec[name=" + name + ", numClasses=" + numClasses + ", embeddingDim="
                + embeddingDim + ", k=" + k + ", s=" + scale + ", dynamic_s=" + dynamicScale
                + ", m=" + marginRad + ", m_max=" + marginMaxRad + ", m_min=" + marginMinRad
                + ", h=" + h + ", t_alpha=" + tAlpha + ", classCounts="
                + (classCounts == null ? "none" : classCounts.length + " classes") + "]";
    }

    /**
     * Creates a builder preset with the upstream defaults (k 1, s 30, dynamic_s true, m 0.5,
     * m_max 0.5, m_min 0.2, h 0.333, t_alpha 1).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void require(boolean ok, String key, String rule, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule + ", got " + actual);
        }
    }

    private static void requireAngle(float rad, String key) {
        require(rad >= 0 && rad < Math.PI, key, "must be an angle in [0, pi) radians", rad);
    }

    /** Builder of {@link HeadSpec}: {@code setX} for required values, {@code optX} for optional. */
    public static final class Builder {
        private String name;
        private int numClasses = -1;
        private int embeddingDim = -1;
        private int k = 1;
        private float scale = 30f;
        private boolean dynamicScale = true;
        private float marginRad = 0.5f;
        private float marginMaxRad = 0.5f;
        private float marginMinRad = 0.2f;
        private float h = 0.333f;
        private float tAlpha = 1f;
        private long[] classCounts;

        private Builder() {}

        /**
         * Sets the head name ({@code MODEL.HEAD.name}).
         *
         * @param name one of {@link HeadRegistry#names()}
         * @return this builder
         */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the number of classes.
         *
         * @param numClasses classes C, at least 2
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the embedding size ({@code MODEL.embedding_dim}).
         *
         * @param embeddingDim d, at least 1
         * @return this builder
         */
        public Builder setEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /**
         * Sets the sub-centres per class ({@code MODEL.HEAD.k}, default 1).
         *
         * @param k sub-centres, at least 1
         * @return this builder
         */
        public Builder optK(int k) {
            this.k = k;
            return this;
        }

        /**
         * Sets the logit scale ({@code MODEL.HEAD.s}, default 30).
         *
         * @param scale s &gt; 0
         * @return this builder
         */
        public Builder optScale(float scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Sets whether AdaCos adapts its scale ({@code MODEL.HEAD.dynamic_s}, default true).
         *
         * @param dynamicScale true to adapt s
         * @return this builder
         */
        public Builder optDynamicScale(boolean dynamicScale) {
            this.dynamicScale = dynamicScale;
            return this;
        }

        /**
         * Sets the angular margin ({@code MODEL.HEAD.m}, default 0.5 rad).
         *
         * @param marginRad m in radians
         * @return this builder
         */
        public Builder optMarginRad(float marginRad) {
            this.marginRad = marginRad;
            return this;
        }

        /**
         * Sets the largest DynM-ArcFace margin ({@code MODEL.HEAD.m_max}, default 0.5 rad).
         *
         * @param marginMaxRad m_max in radians
         * @return this builder
         */
        public Builder optMarginMaxRad(float marginMaxRad) {
            this.marginMaxRad = marginMaxRad;
            return this;
        }

        /**
         * Sets the smallest DynM-ArcFace margin ({@code MODEL.HEAD.m_min}, default 0.2 rad).
         *
         * @param marginMinRad m_min in radians
         * @return this builder
         */
        public Builder optMarginMinRad(float marginMinRad) {
            this.marginMinRad = marginMinRad;
            return this;
        }

        /**
         * Sets AdaFace's h ({@code MODEL.HEAD.h}, default 0.333).
         *
         * @param h h &gt;= 0
         * @return this builder
         */
        public Builder optH(float h) {
            this.h = h;
            return this;
        }

        /**
         * Sets AdaFace's norm-statistics momentum ({@code MODEL.HEAD.t_alpha}, default 1).
         *
         * @param tAlpha t_alpha in [0, 1]
         * @return this builder
         */
        public Builder optTAlpha(float tAlpha) {
            this.tAlpha = tAlpha;
            return this;
        }

        /**
         * Sets the class distribution ({@code DATASET.cls_dist_file}); needed by DynM-ArcFace.
         *
         * @param classCounts samples per class in label order, or null
         * @return this builder
         */
        public Builder optClassCounts(long[] classCounts) {
            this.classCounts = classCounts;
            return this;
        }

        /**
         * Checks the required values and builds the spec.
         *
         * @return the validated spec
         * @throws IllegalArgumentException naming the missing or invalid key
         */
        public HeadSpec build() {
            if (numClasses < 0) {
                throw new IllegalArgumentException("number of classes is required (setNumClasses)");
            }
            if (embeddingDim < 0) {
                throw new IllegalArgumentException(
                        "MODEL.embedding_dim is required (setEmbeddingDim)");
            }
            return new HeadSpec(
                    name, numClasses, embeddingDim, k, scale, dynamicScale, marginRad,
                    marginMaxRad, marginMinRad, h, tAlpha, classCounts);
        }
    }
}
