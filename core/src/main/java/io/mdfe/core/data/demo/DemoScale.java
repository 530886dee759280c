package io.mdfe.core.data.demo;

/**
 * How many classes and images the demo set holds. {@link #SMALL} is the default, sized so the demo
 * CNN learns something in a few CPU minutes; {@link #CI} is a tiny set for tests.
 *
 * @param classesPerDomain training classes per domain (all go into the training CSV)
 * @param trainPerClass training images per class
 * @param valPerClass val images per class (at least 2: val is searched against itself)
 * @param testPerClass test images per class in domains whose test split is its own index (at least 2)
 * @param unseenValClasses val classes of {@link DemoDomain.Protocol#UNSEEN_CLASSES} domains
 * @param unseenTestClasses test classes of {@link DemoDomain.Protocol#UNSEEN_CLASSES} domains
 * @param queriesPerClass test queries per class of {@link DemoDomain.Protocol#SEPARATE_INDEX} domains
 * @param indexPerClass index images per class of {@link DemoDomain.Protocol#SEPARATE_INDEX} domains
 * @param distractorClasses index-only classes (never queried) of separate-index domains
 * @param multiLabelQueries two-class test queries of separate-index domains
 */
public record DemoScale(int classesPerDomain, int trainPerClass, int valPerClass, int testPerClass,
                        int unseenValClasses, int unseenTestClasses, int queriesPerClass, int indexPerClass,
                        int distractorClasses, int multiLabelQueries) {

    /** The default: 100 training classes x 20 images, a few hundred val/test images per domain. */
    public static final DemoScale SMALL = new DemoScale(25, 20, 3, 6, 10, 25, 2, 6, 10, 6);
    /** A tiny set for tests: every split and item kind present, a few images each. */
    public static final DemoScale CI = new DemoScale(4, 3, 2, 2, 2, 3, 1, 2, 2, 2);

    /** Checks the minimums every split needs. */
    public DemoScale {
        if (classesPerDomain < 2 || trainPerClass < 1 || valPerClass < 2 || testPerClass < 2
                || unseenValClasses < 1 || unseenTestClasses < 1 || queriesPerClass < 1 || indexPerClass < 1
                || distractorClasses < 0 || multiLabelQueries < 1) {
            throw new IllegalArgumentException("demo scale too small: " + this);
        }
    }

    /** {@return the named scale: small or ci} */
    public static DemoScale named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "small" -> SMALL;
            case "ci" -> CI;
            default -> throw new IllegalArgumentException("unknown demo scale '" + name + "' (valid: small, ci)");
        };
    }
}
