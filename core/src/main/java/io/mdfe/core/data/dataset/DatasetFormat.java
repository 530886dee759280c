package io.mdfe.core.data.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.mdfe.core.data.uned.UnedDataset;

/** The annotation layout of a data root, for registering it with the data service. */
public enum DatasetFormat {
    /** One or more {@code <name>_train.csv} files ({@code img_path,label}), e.g. M4D-35k. */
    CSV,
    /** UnED: {@code info_files/<domain>/<split>.json} and {@code images/<domain>/...}. */
    UNED;

    /**
     * {@return the layout of {@code root}}
     *
     * @throws DatasetException when {@code root} is not a folder, has neither layout, or has both
     *                          (then register it once per format with the format given explicitly)
     */
    public static DatasetFormat detect(Path root) {
        if (!Files.isDirectory(root)) {
            throw DatasetException.missing(root + ": not a folder");
        }
        boolean csv = hasCsvAnnotations(root);
        boolean uned = UnedDataset.isUnedRoot(root);
        if (csv && uned) {
            throw new DatasetException(root + ": holds both *" + CsvDataset.FILE_SUFFIX + " files and "
                    + UnedDataset.INFO_DIR + "/; give the format explicitly (CSV or UNED)");
        }
        if (!csv && !uned) {
            throw new DatasetException(root + ": no dataset found; expected <name>" + CsvDataset.FILE_SUFFIX
                    + " files (CSV) or an " + UnedDataset.INFO_DIR + "/ folder (UNED)");
        }
        return csv ? CSV : UNED;
    }

    /** {@return true when {@code root} holds at least one {@code <name>_train.csv}} */
    public static boolean hasCsvAnnotations(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(CsvDataset.FILE_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
        }
    }
}
