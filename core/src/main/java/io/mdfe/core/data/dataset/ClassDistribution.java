package io.mdfe.core.data.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mdfe.core.io.AtomicFiles;

/**
 * The class distribution file ({@code DATASET.cls_dist_file}) that CLAM's class-balanced margins
 * need: a CSV {@code label,num_samples} with one line per combined label 0..C-1, in order,
 * counted from the annotations alone (no image is decoded).
 */
public final class ClassDistribution {

    /** Column of the combined label. */
    public static final String LABEL_COLUMN = "label";
    /** Column of the number of training samples of that label. */
    public static final String COUNT_COLUMN = "num_samples";

    private ClassDistribution() {}

    /**
     * Returns the training set's class counts, creating {@code file} (atomically) when it is
     * missing and checking it against the training set when it exists.
     *
     * @throws DatasetException when the existing file is malformed or disagrees with the training
     *                          set (naming the file, the first differing label and both counts)
     */
    public static long[] loadOrCreate(Path file, TrainingSet set) {
        long[] actual = set.classCounts();
        if (!Files.exists(file)) {
            write(file, actual);
            return actual;
        }
        long[] stored = read(file);
        for (int label = 0; label < Math.max(stored.length, actual.length); label++) {
            String inFile = label < stored.length ? stored[label] + " samples" : "no line";
            String inData = label < actual.length ? actual[label] + " samples" : "no such label";
            if (!inFile.equals(inData)) {
                throw new DatasetException(file + ": label " + label + ": the file has " + inFile + ", the training set "
                        + inData + " (" + stored.length + " vs " + actual.length
                        + " classes); delete the file to recreate it from DATASET.names");
            }
        }
        return stored;
    }

    /**
     * Reads a class distribution file.
     *
     * @throws DatasetException naming the file and line when it is missing or malformed
     */
    public static long[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DatasetException.missing(file + ": class distribution file not found");
        }
        CsvFile csv;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            csv = CsvFile.read(file, reader, List.of(LABEL_COLUMN, COUNT_COLUMN));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (csv.rows().isEmpty()) {
            throw new DatasetException(file + ": no classes; expected one line per label after the header");
        }
        long[] counts = new long[csv.rows().size()];
        for (int i = 0; i < counts.length; i++) {
            CsvFile.Row row = csv.rows().get(i);
            long label = number(csv, row, LABEL_COLUMN);
            if (label != i) {
                throw new DatasetException(csv.where(row) + ": label " + label + ", expected " + i
                        + " (labels 0..C-1, one line each, in order)");
            }
            counts[i] = number(csv, row, COUNT_COLUMN);
        }
        return counts;
    }

    /** Writes {@code counts} (index = label) atomically. */
    public static void write(Path file, long[] counts) {
        StringBuilder text = new StringBuilder(LABEL_COLUMN + "," + COUNT_COLUMN + "\n");
        for (int label = 0; label < counts.length; label++) {
            text.append(label).append(',').append(counts[label]).append('\n');
        }
        try {
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static long number(CsvFile csv, CsvFile.Row row, String column) {
        String value = row.fields().get(csv.column(column)).strip();
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed form
        }
        throw new DatasetException(csv.where(row) + ": " + column + " '" + value + "' is not an integer >= 0");
    }
}
