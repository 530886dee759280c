package io.mdfe.core.data.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A training set annotated by one CSV file {@code <root>/<name>_train.csv} with columns
 * {@code img_path,label}: M4D-35k ({@code m4d-35k_train.csv}) and any set in its format. Image
 * paths are relative to the root; labels are the original class ids (ints or strings), remapped
 * to 0..C-1 by {@link DenseLabels}.
 */
public final class CsvDataset extends AnnotationFileSource {

    /** Column holding the image path, relative to the data root. */
    public static final String PATH_COLUMN = "img_path";
    /** Column holding the original class id. */
    public static final String LABEL_COLUMN = "label";
    /** Ending of an annotation file's name after the dataset name. */
    public static final String FILE_SUFFIX = "_train.csv";

    private CsvDataset(String name, Path file, List<TrainingSample> samples, int numClasses, String fingerprint) {
        super(name, file, samples, numClasses, fingerprint);
    }

    /** {@return the annotation file of dataset {@code name} under {@code root}} */
    public static Path annotationFile(Path root, String name) {
        return root.resolve(name + FILE_SUFFIX);
    }

    /**
     * Reads dataset {@code name} from {@code <root>/<name>_train.csv}.
     *
     * @throws DatasetException when the file is missing, malformed, holds a path outside the root,
     *                          or has no samples
     */
    public static CsvDataset open(Path root, String name) {
        Path file = annotationFile(root, name);
        if (!Files.isRegularFile(file)) {
            throw DatasetException.missing("dataset '" + name + "': annotation file " + file + " not found");
        }
        try (DigestInputStream in = Fingerprints.digesting(Files.newInputStream(file));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            CsvFile csv = CsvFile.read(file, reader, List.of(PATH_COLUMN, LABEL_COLUMN));
            String fingerprint = Fingerprints.hex(in);
            return fromTable(name, root, file, csv, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static CsvDataset fromTable(String name, Path root, Path file, CsvFile csv, String fingerprint) {
        if (csv.rows().isEmpty()) {
            throw new DatasetException(file + ": no samples; expected one line per image after the header");
        }
        int pathColumn = csv.column(PATH_COLUMN);
        int labelColumn = csv.column(LABEL_COLUMN);
        List<String> ids = new ArrayList<>(csv.rows().size());
        List<Path> images = new ArrayList<>(csv.rows().size());
        for (CsvFile.Row row : csv.rows()) {
            String id = row.fields().get(labelColumn).strip();
            if (id.isEmpty()) {
                throw new DatasetException(csv.where(row) + ": empty " + LABEL_COLUMN + "; every image needs a class id");
            }
            ids.add(id);
            images.add(DataPaths.resolveInside(root, row.fields().get(pathColumn), csv.where(row)));
        }
        DenseLabels labels = DenseLabels.of(ids);
        List<TrainingSample> samples = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            samples.add(new TrainingSample(images.get(i), csv.rows().get(i).fields().get(pathColumn), labels.label(i)));
        }
        return new CsvDataset(name, file, List.copyOf(samples), labels.numClasses(), fingerprint);
    }
}
