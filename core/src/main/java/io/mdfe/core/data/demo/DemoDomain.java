package io.mdfe.core.data.demo;

import java.util.Locale;

/**
 * The demo's domains. Each takes a real UnED domain name, so the UnED reader's domain table (ids,
 * query-to-index mapping) applies unchanged, and mimics that domain's evaluation protocol.
 */
public enum DemoDomain {
    /** Products as composite shapes; evaluated on classes never trained on, as SOP is. */
    SOP(new ProductMotif(), Protocol.UNSEEN_CLASSES, 80, 80, "jpg", 180),
    /** Dishes as textures on plates; evaluated on new images of the training classes, as Food2k is. */
    FOOD2K(new TextureMotif(), Protocol.SEEN_CLASSES, 72, 72, "jpg", 180),
    /** Retail packs as glyph-like marks; flat graphics kept lossless (PNG), seen classes as in RP2k. */
    RP2K(new GlyphMotif(), Protocol.SEEN_CLASSES, 64, 88, "png", 20),
    /**
     * Landmarks as skylines; as in GLDv2 the test queries search a separate {@code index} split that
     * also holds distractor landmarks, and some queries show two landmarks (a multi-label item).
     */
    GLDV2(new SkylineMotif(), Protocol.SEPARATE_INDEX, 96, 72, "jpg", 8);

    /** How a domain's val and test splits relate to its training classes. */
    public enum Protocol {
        /** val and test hold new classes; each split is searched against itself. */
        UNSEEN_CLASSES,
        /** val and test hold new renderings of the training classes; each split is searched against itself. */
        SEEN_CLASSES,
        /** Like {@link #SEEN_CLASSES} for val; test queries search a separate {@code index} split. */
        SEPARATE_INDEX
    }

    private final Motif motif;
    private final Protocol protocol;
    private final int width;
    private final int height;
    private final String extension;
    private final double maxRotationDeg;

    DemoDomain(Motif motif, Protocol protocol, int width, int height, String extension, double maxRotationDeg) {
        this.motif = motif;
        this.protocol = protocol;
        this.width = width;
        this.height = height;
        this.extension = extension;
        this.maxRotationDeg = maxRotationDeg;
    }

    /** {@return the UnED domain name: the folder under info_files/ and images/} */
    public String unedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return how val and test relate to the training classes} */
    public Protocol protocol() {
        return protocol;
    }

    /** {@return the image file extension, which is also the ImageIO format name} */
    public String extension() {
        return extension;
    }

    Motif motif() {
        return motif;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Largest in-plane rotation of an instance: free for objects seen from above, small for upright ones. */
    double maxRotationDeg() {
        return maxRotationDeg;
    }
}
