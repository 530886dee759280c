package io.mdfe.core.data.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV table as pandas writes it: a header line, then one record per line, fields separated
 * by commas and optionally double-quoted ("" inside quotes is a quote). Blank lines are skipped,
 * as pandas does. Every record must have as many fields as the header.
 */
final class CsvFile {

    /** One record and the 1-based line it came from (the header is line 1). */
    record Row(int line, List<String> fields) {}

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvFile(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads the table, requiring each of {@code required} among the header's columns.
     *
     * @param file the file's path, for error messages
     */
    static CsvFile read(Path file, BufferedReader reader, List<String> required) throws IOException {
        String first = reader.readLine();
        if (first == null) {
            throw new DatasetException(file + ": empty file; expected a header line '" + String.join(",", required) + "'");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1); // a UTF-8 byte order mark, as spreadsheet tools write
        }
        List<String> header = split(file, 1, first);
        for (String column : required) {
            if (!header.contains(column)) {
                throw new DatasetException(file + ": line 1: header '" + first + "' lacks column '" + column
                        + "'; expected a header with " + String.join(",", required));
            }
        }
        List<Row> rows = new ArrayList<>();
        int lineNo = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(file, lineNo, line);
            if (fields.size() != header.size()) {
                throw new DatasetException(file + ": line " + lineNo + ": " + fields.size() + " fields, expected "
                        + header.size() + " (" + String.join(",", header) + ")");
            }
            rows.add(new Row(lineNo, fields));
        }
        return new CsvFile(file, header, rows);
    }

    /** {@return the records, in file order} */
    List<Row> rows() {
        return rows;
    }

    /** {@return the position of a column read with {@link #read}'s {@code required}} */
    int column(String name) {
        return header.indexOf(name);
    }

    /** {@return "file: line n" for messages about a row} */
    String where(Row row) {
        return file + ": line " + row.line();
    }

    private static List<String> split(Path file, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DatasetException(file + ": line " + lineNo + ": unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
