package io.mdfe.core.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo set on disk: both formats, their agreement, the UnED protocols, determinism and size. */
class DemoDataGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path small;
    private static DemoSummary summary;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeSmallSet() throws IOException {
        small = shared.resolve("demo");
        summary = new DemoDataGenerator(7, DemoScale.SMALL, 2).write(small, false);
    }

    private static JsonNode info(String domain, String split) throws IOException {
        return JSON.readTree(small.resolve("info_files").resolve(domain).resolve(split + ".json").toFile());
    }

    private static Set<Integer> classes(JsonNode entries) {
        Set<Integer> ids = new TreeSet<>();
        entries.forEach(e -> ids.addAll(RawPixelKnn.labels(e)));
        return ids;
    }

    @Test
    void everyDomainHasTheSplitsItsProtocolNeedsWithTheScaledCounts() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(small.resolve("info_files"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                counts.put(small.resolve("info_files").relativize(f).toString(), JSON.readTree(f.toFile()).size());
            }
        }
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                // 25 classes x 20 train images per domain; sop evaluates 10 + 25 unseen classes
                Map.entry("sop/train.json", 500), Map.entry("sop/val.json", 10 * 3), Map.entry("sop/test.json", 25 * 6),
                Map.entry("food2k/train.json", 500), Map.entry("food2k/val.json", 75), Map.entry("food2k/test.json", 150),
                Map.entry("rp2k/train.json", 500), Map.entry("rp2k/val.json", 75), Map.entry("rp2k/test.json", 150),
                // gldv2: 2 queries per class + 6 two-landmark queries; index 6 per class incl. 10 distractor classes
                Map.entry("gldv2/train.json", 500), Map.entry("gldv2/val.json", 75),
                Map.entry("gldv2/test.json", 25 * 2 + 6), Map.entry("gldv2/index.json", (25 + 10) * 6)));
        assertEquals(expected, counts);
        assertEquals(counts.values().stream().mapToInt(Integer::intValue).sum() + 1 + counts.size(), summary.files(),
                "images + CSV + json files, nothing else");
    }

    @Test
    void trainingCsvIsTheUnionOfTheUnedTrainSplitsWithDenseLabels() throws IOException {
        List<String> lines = Files.readAllLines(small.resolve(DemoDataGenerator.CSV_NAME));
        assertEquals("img_path,label", lines.get(0));
        Map<String, Integer> csv = new LinkedHashMap<>();
        Map<Integer, Integer> perLabel = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",");
            assertEquals(2, cols.length, line);
            assertTrue(Files.isRegularFile(small.resolve(cols[0])), "CSV path relative to the root: " + line);
            csv.put(cols[0], Integer.parseInt(cols[1]));
            perLabel.merge(Integer.parseInt(cols[1]), 1, Integer::sum);
        }
        assertEquals(2000, csv.size());
        assertEquals(100, perLabel.size());
        assertEquals(0, perLabel.keySet().iterator().next());
        assertEquals(99, ((TreeMap<Integer, Integer>) perLabel).lastKey(), "labels are 0..C-1");
        assertTrue(perLabel.values().stream().allMatch(n -> n == 20), perLabel.toString());

        Map<String, Integer> unedTrain = new LinkedHashMap<>();
        for (DemoDomain d : DemoDomain.values()) {
            info(d.unedName(), "train").forEach(e -> unedTrain.put("images/" + e.get("path").asText(),
                    e.get("class_id").asInt()));
        }
        assertEquals(unedTrain, csv, "same files, CSV label == UnED class_id");
    }

    @Test
    void everyInfoEntryIsAPathUnderImagesAndAnIntOrListClassId() throws IOException {
        for (DemoSummary.SplitCount split : summary.splits()) {
            DemoDomain domain = DemoDomain.valueOf(split.domain().toUpperCase(java.util.Locale.ROOT));
            for (JsonNode e : info(split.domain(), split.split())) {
                assertEquals(Set.of("path", "class_id"), fieldNames(e));
                String path = e.get("path").asText();
                assertTrue(path.startsWith(split.domain() + "/"), path);
                Path file = small.resolve("images").resolve(path);
                assertTrue(Files.isRegularFile(file), "missing " + file);
                byte[] head = Arrays.copyOf(Files.readAllBytes(file), 4);
                assertEquals(domain.extension().equals("png") ? "89504e47" : "ffd8ffe0",
                        HexFormat.of().formatHex(head), file + " is a real " + domain.extension());
                JsonNode c = e.get("class_id");
                assertTrue(c.isInt() || c.isArray() && c.size() > 1 && allInts(c), e.toString());
            }
        }
    }

    @Test
    void instanceLevelDomainsEvaluateTrainingClassesAndSopUnseenOnes() throws IOException {
        Set<Integer> allTrained = new HashSet<>();
        for (DemoDomain d : DemoDomain.values()) {
            allTrained.addAll(classes(info(d.unedName(), "train")));
        }
        for (String d : List.of("food2k", "rp2k", "gldv2")) {
            Set<Integer> trained = classes(info(d, "train"));
            assertEquals(trained, classes(info(d, "val")), d);
            assertEquals(trained, classes(info(d, "test")), d);
        }
        for (String split : List.of("val", "test")) {
            Set<Integer> sop = classes(info("sop", split));
            assertTrue(sop.stream().noneMatch(allTrained::contains), "sop " + split + " classes are unseen: " + sop);
        }
        assertTrue(classes(info("sop", "val")).stream().noneMatch(classes(info("sop", "test"))::contains));
    }

    @Test
    void gldv2TestQueriesSearchASeparateIndexWithDistractors() throws IOException {
        JsonNode test = info("gldv2", "test");
        JsonNode index = info("gldv2", "index");
        Set<String> testPaths = new HashSet<>();
        test.forEach(e -> testPaths.add(e.get("path").asText()));
        index.forEach(e -> assertFalse(testPaths.contains(e.get("path").asText()), "index holds no query"));
        Set<Integer> indexed = classes(index);
        assertTrue(indexed.containsAll(classes(test)), "every query class has index images");
        assertEquals(10, indexed.size() - classes(test).size(), "distractor classes");
        for (String d : List.of("sop", "food2k", "rp2k")) {
            assertFalse(Files.exists(small.resolve("info_files").resolve(d).resolve("index.json")), d);
        }
    }

    @Test
    void multiLabelQueriesNameTwoIndexedClasses() throws IOException {
        List<JsonNode> multi = new ArrayList<>();
        info("gldv2", "test").forEach(e -> {
            if (e.get("class_id").isArray()) {
                multi.add(e);
            }
        });
        assertEquals(6, multi.size());
        Set<Integer> indexed = classes(info("gldv2", "index"));
        for (JsonNode e : multi) {
            Set<Integer> labels = RawPixelKnn.labels(e);
            assertEquals(2, labels.size(), e.toString());
            assertTrue(indexed.containsAll(labels), e.toString());
        }
    }

    @Test
    void rawPixelNeighboursBeatChanceButAreFarFromPerfect() throws IOException {
        int hits = 0;
        int queries = 0;
        for (DemoDomain d : DemoDomain.values()) {
            JsonNode test = info(d.unedName(), "test");
            boolean separate = d.protocol() == DemoDomain.Protocol.SEPARATE_INDEX;
            hits += RawPixelKnn.hits(small.resolve("images"), test, separate ? info(d.unedName(), "index") : test,
                    !separate);
            queries += test.size();
        }
        double recall = hits / (double) queries;
        // chance is about 5 relevant of ~150 candidates (3.4%); an untrained model must leave room to learn
        assertTrue(recall > 0.07 && recall < 0.5, "raw-pixel Recall@1 " + recall);
    }

    @Test
    void defaultScaleStaysWithinTheCiBudget() throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.walk(small)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(f);
            }
        }
        assertEquals(bytes, summary.bytes());
        assertTrue(bytes < 50_000_000, bytes + " bytes");
        assertTrue(summary.elapsed().toSeconds() < 60, summary.elapsed().toString());
        assertTrue(summary.table().contains("gldv2    index"), summary.table());
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        new DemoDataGenerator(3, DemoScale.CI, 1).write(a, false);
        new DemoDataGenerator(3, DemoScale.CI, 2).write(b, false);
        new DemoDataGenerator(4, DemoScale.CI, 2).write(c, false);
        assertEquals(treeHash(a), treeHash(b));
        assertNotEquals(treeHash(a), treeHash(c), "the seed matters");
    }

    @Test
    void refusesANonEmptyDirectoryUnlessForced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        DemoDataGenerator generator = new DemoDataGenerator(1, DemoScale.CI, 2);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> generator.write(dir, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));

        generator.write(dir, true);
        assertFalse(Files.exists(dir.resolve("keep.txt")), "forced: replaced as a whole");
        assertTrue(Files.isRegularFile(dir.resolve(DemoDataGenerator.CSV_NAME)));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        generator.write(empty, false);
        assertTrue(Files.isRegularFile(empty.resolve("info_files/gldv2/index.json")));
    }

    private static Set<String> fieldNames(JsonNode e) {
        Set<String> names = new HashSet<>();
        e.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean allInts(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isInt()) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 over every file's relative path and bytes, in sorted path order. */
    private static String treeHash(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                sha.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
