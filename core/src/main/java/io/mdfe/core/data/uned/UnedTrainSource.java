package io.mdfe.core.data.uned;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.DatasetSource;
import io.mdfe.core.data.dataset.DenseLabels;
import io.mdfe.core.data.dataset.TrainingSample;

/**
 * A UnED domain's train split as a training source named {@code uned:<domain>}: class ids remapped
 * to 0..C-1 in numeric order, sample paths relative to the data root ({@code images/...}).
 */
public final class UnedTrainSource implements DatasetSource {

    /** Prefix of the source names, and the DATASET.names entry for all domains. */
    public static final String NAME_PREFIX = "uned:";

    private final String name;
    private final Path file;
    private final List<TrainingSample> samples;
    private final int numClasses;
    private final String fingerprint;

    UnedTrainSource(UnedDomain domain, UnedInfoFile info) {
        if (info.items().isEmpty()) {
            throw new DatasetException(info.file() + ": no samples; the train split needs at least one item");
        }
        List<String> ids = new ArrayList<>(info.items().size());
        for (int i = 0; i < info.items().size(); i++) {
            int[] classIds = info.items().get(i).classIds();
            if (classIds.length != 1) {
                throw new DatasetException(info.file() + ": item " + i + " (0-based): " + classIds.length
                        + " class ids; a training item needs exactly one");
            }
            ids.add(Integer.toString(classIds[0]));
        }
        DenseLabels labels = DenseLabels.of(ids);
        List<TrainingSample> samples = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            UnedItem item = info.items().get(i);
            samples.add(new TrainingSample(item.image(), UnedDataset.IMAGES_DIR + "/" + item.path(), labels.label(i)));
        }
        this.name = NAME_PREFIX + domain.name();
        this.file = info.file();
        this.samples = List.copyOf(samples);
        this.numClasses = labels.numClasses();
        this.fingerprint = info.fingerprint();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<TrainingSample> samples() {
        return samples;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public List<Path> annotationFiles() {
        return List.of(file);
    }
}
