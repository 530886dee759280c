package io.mdfe.core.data.uned;

import java.util.ArrayList;
import java.util.List;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.AnnotationFileSource;
import io.mdfe.core.data.dataset.DenseLabels;
import io.mdfe.core.data.dataset.TrainingSample;

/**
 * A UnED domain's train split as a training source named {@code uned:<domain>}: class ids remapped
 * to 0..C-1 in numeric order, sample paths relative to the data root ({@code images/...}).
 */
public final class UnedTrainSource extends AnnotationFileSource {

    /** Prefix of the source names, and the DATASET.names entry for all domains. */
    public static final String NAME_PREFIX = "uned:";

    UnedTrainSource(UnedDomain domain, UnedInfoFile info) {
        this(NAME_PREFIX + domain.name(), info, labels(info));
    }

    private UnedTrainSource(String name, UnedInfoFile info, DenseLabels labels) {
        super(name, info.file(), samples(info, labels), labels.numClasses(), info.fingerprint());
    }

    private static DenseLabels labels(UnedInfoFile info) {
        // an empty info file never gets here: UnedInfoFile refuses it naming the file
        List<String> ids = new ArrayList<>(info.items().size());
        for (int i = 0; i < info.items().size(); i++) {
            int[] classIds = info.items().get(i).classIds();
            if (classIds.length != 1) {
                throw new DatasetException(info.file() + ": item " + i + " (0-based): " + classIds.length
                        + " class ids; a training item needs exactly one");
            }
            ids.add(Integer.toString(classIds[0]));
        }
        return DenseLabels.of(ids);
    }

    private static List<TrainingSample> samples(UnedInfoFile info, DenseLabels labels) {
        List<TrainingSample> samples = new ArrayList<>(info.items().size());
        for (int i = 0; i < info.items().size(); i++) {
            UnedItem item = info.items().get(i);
            samples.add(new TrainingSample(item.image(), UnedDataset.IMAGES_DIR + "/" + item.path(), labels.label(i)));
        }
        return samples;
    }
}
