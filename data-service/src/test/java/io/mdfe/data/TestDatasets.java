package io.mdfe.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes small datasets in the real on-disk formats, with real PNG images: CSV sets
 * ({@code <root>/<name>_train.csv}, header {@code img_path,label}) and UnED
 * ({@code info_files/<domain>/train.json} + {@code images/<domain>/...}).
 */
public final class TestDatasets {

    private TestDatasets() {
    }

    /** One annotation row: image path (relative to root for CSV, to images/domain for UnED) and original label. */
    public record Row(String path, int label) {
    }

    /**
     * Writes {@code <root>/<name>_train.csv} and a PNG for each row.
     *
     * @return the CSV file
     */
    public static Path writeCsvSet(Path root, String name, List<Row> rows) {
        StringBuilder csv = new StringBuilder("img_path,label\n");
        rows.forEach(row -> csv.append(row.path()).append(',').append(row.label()).append('\n'));
        rows.forEach(row -> writePng(root.resolve(row.path()), row.label()));
        Path file = root.resolve(name + "_train.csv");
        write(file, csv.toString(), false);
        return file;
    }

    /** Appends rows (and their images) to an existing CSV set: the next version of the dataset. */
    public static void appendCsvRows(Path root, String name, List<Row> rows) {
        StringBuilder csv = new StringBuilder();
        rows.forEach(row -> csv.append(row.path()).append(',').append(row.label()).append('\n'));
        rows.forEach(row -> writePng(root.resolve(row.path()), row.label()));
        write(root.resolve(name + "_train.csv"), csv.toString(), true);
    }

    /** Writes {@code info_files/<domain>/train.json} and a PNG under {@code images/<domain>/} for each row. */
    public static Path writeUnedDomain(Path root, String domain, List<Row> rows) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            // UnED info-file paths are relative to images/, so they start with the domain
            json.append(i == 0 ? "" : ",").append("{\"path\": \"").append(domain).append('/').append(rows.get(i).path())
                    .append("\", \"class_id\": ").append(rows.get(i).label()).append('}');
            writePng(root.resolve("images").resolve(domain).resolve(rows.get(i).path()), rows.get(i).label());
        }
        Path file = root.resolve("info_files").resolve(domain).resolve("train.json");
        write(file, json.append(']').toString(), false);
        return file;
    }

    /** A distinct small PNG per path (its size and colour depend on the seed and the path). */
    public static void writePng(Path file, int seed) {
        int side = 4 + Math.floorMod(file.getFileName().hashCode(), 8);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, (seed * 7919 + x * 31 + y * 17) & 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
            Files.createDirectories(file.getParent());
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file of the given size (for streams that must exceed gRPC's buffers). */
    public static void writeBytes(Path file, int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text, boolean append) {
        try {
            Files.createDirectories(file.getParent());
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
