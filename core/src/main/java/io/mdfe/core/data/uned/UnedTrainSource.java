package io.mdfe.core.data.uned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.AnnotationFileSource;
import io.mdfe.core.data.dataset.DenseLabels;
import io.mdfe.core.data.dataset.TrainingSample;

/**
 * A UnED domain's train split as a training source named {@code uned:<domain>}: class ids remapped
 * to 0..C-1 in numeric order, sample paths relative to the data root ({@code images/...}). Items with
 * several class ids are refused, left out or trained on their first id, as {@link MultiLabelPolicy} says.
 */
public final class UnedTrainSource extends AnnotationFileSource {

    /** Prefix of the source names, and the DATASET.names entry for all domains. */
    public static final String NAME_PREFIX = "uned:";

    UnedTrainSource(UnedDomain domain, UnedInfoFile info, MultiLabelPolicy multiLabel) {
        this(NAME_PREFIX + domain.name(), info, trainingItems(info, multiLabel));
    }

    private UnedTrainSource(String name, UnedInfoFile info, List<Labelled> items) {
        this(name, info, items, DenseLabels.of(items.stream().map(Labelled::classId).toList()));
    }

    private UnedTrainSource(String name, UnedInfoFile info, List<Labelled> items, DenseLabels labels) {
        super(name, info.file(), samples(items, labels), labels.numClasses(), info.fingerprint());
    }

    /** An item with the one class id it trains on. */
    private record Labelled(UnedItem item, String classId) {}

    private static List<Labelled> trainingItems(UnedInfoFile info, MultiLabelPolicy multiLabel) {
        // an empty info file never gets here: UnedInfoFile refuses it naming the file
        List<Labelled> items = new ArrayList<>(info.items().size());
        for (int i = 0; i < info.items().size(); i++) {
            UnedItem item = info.items().get(i);
            int[] classIds = item.classIds();
            if (classIds.length > 1 && multiLabel == MultiLabelPolicy.ERROR) {
                throw new DatasetException(info.file() + ": item " + i + " (0-based): " + classIds.length
                        + " class ids " + Arrays.toString(classIds) + "; a training item needs exactly one (set "
                        + MultiLabelPolicy.KEY + " to skip or first to train on such items)");
            }
            if (classIds.length == 1 || multiLabel == MultiLabelPolicy.FIRST) {
                items.add(new Labelled(item, Integer.toString(classIds[0])));
            }
        }
        if (items.isEmpty()) {
            throw new DatasetException(info.file() + ": every item has several class ids, and "
                    + MultiLabelPolicy.KEY + " is skip: nothing to train on");
        }
        return items;
    }

    private static List<TrainingSample> samples(List<Labelled> items, DenseLabels labels) {
        List<TrainingSample> samples = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            UnedItem item = items.get(i).item();
            samples.add(new TrainingSample(item.image(), UnedDataset.IMAGES_DIR + "/" + item.path(), labels.label(i)));
        }
        return samples;
    }
}
