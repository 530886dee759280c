package io.mdfe.core.data.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which images the demo set holds and their class ids, before anything is rendered.
 *
 * <p>Class ids form one space shared by both formats. Training classes come first, domain by domain,
 * as 0..C-1: these are the CSV labels (already the dense, sorted labels the M4D format asks for) and
 * the same numbers are the UnED {@code class_id}s of those classes in every split. Classes that are
 * never trained on (unseen val/test classes, index distractors) take ids from C on, so an id never
 * names two different classes.
 */
public final class DemoPlan {

    private final List<DemoItem> items = new ArrayList<>();
    private final int trainingClasses;
    private int nextClassId;

    private DemoPlan(DemoScale scale) {
        Map<DemoDomain, List<Integer>> trained = new EnumMap<>(DemoDomain.class);
        for (DemoDomain d : DemoDomain.values()) {
            trained.put(d, newClasses(scale.classesPerDomain()));
        }
        trainingClasses = nextClassId;
        for (DemoDomain d : DemoDomain.values()) {
            add(d, "train", trained.get(d), scale.trainPerClass());
        }
        for (DemoDomain d : DemoDomain.values()) {
            List<Integer> seen = trained.get(d);
            switch (d.protocol()) {
                case UNSEEN_CLASSES -> {
                    add(d, "val", newClasses(scale.unseenValClasses()), scale.valPerClass());
                    add(d, "test", newClasses(scale.unseenTestClasses()), scale.testPerClass());
                }
                case SEEN_CLASSES -> {
                    add(d, "val", seen, scale.valPerClass());
                    add(d, "test", seen, scale.testPerClass());
                }
                case SEPARATE_INDEX -> {
                    add(d, "val", seen, scale.valPerClass());
                    add(d, "test", seen, scale.queriesPerClass());
                    addPairs(d, "test", seen, scale.multiLabelQueries());
                    add(d, "index", seen, scale.indexPerClass());
                    add(d, "index", newClasses(scale.distractorClasses()), scale.indexPerClass());
                }
            }
        }
    }

    /** {@return the plan for {@code scale}} */
    public static DemoPlan of(DemoScale scale) {
        return new DemoPlan(scale);
    }

    /** {@return every image, grouped by domain and split in a fixed order} */
    public List<DemoItem> items() {
        return List.copyOf(items);
    }

    /** {@return the number of training classes C: CSV labels are 0..C-1} */
    public int trainingClasses() {
        return trainingClasses;
    }

    private List<Integer> newClasses(int count) {
        List<Integer> ids = IntStream.range(nextClassId, nextClassId + count).boxed().toList();
        nextClassId += count;
        return ids;
    }

    private void add(DemoDomain d, String split, List<Integer> classes, int perClass) {
        for (int c : classes) {
            for (int n = 0; n < perClass; n++) {
                items.add(new DemoItem(d, split, String.format("%s/%s/%05d/%03d.%s", d.unedName(), split, c, n,
                        d.extension()), List.of(c)));
            }
        }
    }

    /** Two-object images: pair i shows classes i and i + half (mod half), two different classes. */
    private void addPairs(DemoDomain d, String split, List<Integer> classes, int count) {
        int half = classes.size() / 2;
        for (int i = 0; i < count; i++) {
            List<Integer> pair = List.of(classes.get(i % half), classes.get(half + i % half));
            items.add(new DemoItem(d, split, String.format("%s/%s/multi/%03d.%s", d.unedName(), split, i,
                    d.extension()), pair));
        }
    }
}
