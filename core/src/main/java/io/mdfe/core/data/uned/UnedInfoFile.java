package io.mdfe.core.data.uned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mdfe.core.data.dataset.DataPaths;
import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.Fingerprints;

/**
 * One parsed {@code info_files/<domain>/<split>.json}: a JSON list of
 * {@code {"path": <relative to images/>, "class_id": <int or list of ints>}}. The list is
 * streamed item by item (gldv2's train file has 1.4M entries) and hashed while read.
 *
 * @param file        the info file
 * @param items       its items, in file order
 * @param fingerprint SHA-256 hex of the file's bytes
 */
record UnedInfoFile(Path file, List<UnedItem> items, String fingerprint) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code file}, resolving image paths under {@code imagesDir}. */
    static UnedInfoFile read(Path file, Path imagesDir, UnedDomain domain) {
        try (DigestInputStream in = Fingerprints.digesting(Files.newInputStream(file));
                JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DatasetException(file + ": not a JSON list; expected [{\"path\": ..., \"class_id\": ...}, ...]");
            }
            List<UnedItem> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new DatasetException(file + ": truncated JSON: the list is not closed");
                }
                JsonNode node = parser.readValueAsTree();
                items.add(item(node, file + ": item " + items.size() + " (0-based)", imagesDir, domain));
            }
            if (items.isEmpty()) {
                // nothing to query or index: later steps would fail without naming the file
                throw new DatasetException(file + ": empty list; expected [{\"path\": ..., \"class_id\": ...}, ...]");
            }
            return new UnedInfoFile(file, List.copyOf(items), Fingerprints.hex(in));
        } catch (JsonProcessingException e) {
            throw new DatasetException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static UnedItem item(JsonNode node, String where, Path imagesDir, UnedDomain domain) {
        if (!node.isObject()) {
            throw new DatasetException(where + ": expected an object {\"path\", \"class_id\"}, got " + node.getNodeType());
        }
        JsonNode path = node.get("path");
        if (path == null || !path.isTextual()) {
            throw new DatasetException(where + ": missing \"path\" (a string relative to images/)");
        }
        JsonNode classId = node.get("class_id");
        if (classId == null) {
            throw new DatasetException(where + ": missing \"class_id\" (an int or a list of ints)");
        }
        return new UnedItem(path.asText(), locate(imagesDir, path.asText(), where, domain), classIds(classId, where),
                domain.id());
    }

    private static int[] classIds(JsonNode classId, String where) {
        if (isInt(classId)) {
            return new int[] {classId.intValue()};
        }
        if (classId.isArray() && !classId.isEmpty()) {
            int[] ids = new int[classId.size()];
            for (int i = 0; i < ids.length; i++) {
                if (!isInt(classId.get(i))) {
                    throw badClassId(classId, where);
                }
                ids[i] = classId.get(i).intValue();
            }
            return ids;
        }
        throw badClassId(classId, where);
    }

    private static boolean isInt(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt();
    }

    private static DatasetException badClassId(JsonNode classId, String where) {
        return new DatasetException(where + ": class_id must be an int or a non-empty list of ints, got " + classId);
    }

    /**
     * The file for an annotated path: as written when it exists; for domains that store non-ASCII
     * names escaped (rp2k), otherwise the escaped name when that exists. A path that exists in
     * neither form resolves as written, so the decode error names the annotated file; only when the
     * platform cannot represent the name at all does it resolve to the escaped form.
     */
    private static Path locate(Path imagesDir, String path, String where, UnedDomain domain) {
        if (!domain.escapedFileNames() || EscapedNames.isAscii(path)) {
            return DataPaths.resolveInside(imagesDir, path, where);
        }
        Path escaped = DataPaths.resolveInside(imagesDir, EscapedNames.escape(path), where);
        Path original;
        try {
            original = DataPaths.resolveInside(imagesDir, path, where);
        } catch (DatasetException unrepresentable) {
            // the escaped form passed the same checks, so the name is only unrepresentable here
            // (e.g. a JVM running with an ASCII file-name encoding)
            return escaped;
        }
        return !Files.exists(original) && Files.exists(escaped) ? escaped : original;
    }
}
