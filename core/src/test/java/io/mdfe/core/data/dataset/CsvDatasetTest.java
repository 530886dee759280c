package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

    @TempDir
    Path dir;

    private TestDataRoot data() {
        return new TestDataRoot(dir);
    }

    private static List<Integer> labels(DatasetSource source) {
        return source.samples().stream().map(TrainingSample::label).toList();
    }

    @Test
    void readsM4dPathsAndRemapsNumericIdsInNumericOrder() {
        data().csv("m4d-35k", "img_path,label\nproducts-10k/train/a.jpg,10\ndeepfashion/train/b.jpg,2\n"
                + "stanford_cars/cars_train/c.jpg,007\ngoogle/d.jpg,10\n\ngoogle/e.jpg,7\n");
        CsvDataset set = CsvDataset.open(dir, "m4d-35k");
        assertEquals("m4d-35k", set.name());
        // sorted numerically: 2 -> 0, 7 (= 007, as pandas reads ints) -> 1, 10 -> 2; the blank line is skipped
        assertEquals(List.of(2, 0, 1, 2, 1), labels(set));
        assertEquals(3, set.numClasses());
        TrainingSample first = set.samples().get(0);
        assertEquals("products-10k/train/a.jpg", first.relativePath());
        assertEquals(dir.resolve("products-10k/train/a.jpg"), first.image());
        assertEquals(List.of(dir.resolve("m4d-35k_train.csv")), set.annotationFiles());
    }

    @Test
    void stringIdsSortAsStringsAndAnyNonIntegerMakesAllStrings() {
        data().csv("s", "img_path,label\na.jpg,b\nb.jpg,10\nc.jpg,2\nd.jpg,B\n");
        // "10" < "2" < "B" < "b" as Python's sorted() on str
        assertEquals(List.of(3, 0, 1, 2), labels(CsvDataset.open(dir, "s")));
    }

    @Test
    void readsQuotedFieldsAndColumnsInAnyOrder() {
        data().csv("q", "\uFEFFlabel,img_path\r\n5,\"dir/with,comma.jpg\"\r\n3,\"say \"\"hi\"\".jpg\"\r\n");
        CsvDataset set = CsvDataset.open(dir, "q");
        assertEquals("dir/with,comma.jpg", set.samples().get(0).relativePath());
        assertEquals("say \"hi\".jpg", set.samples().get(1).relativePath());
        assertEquals(List.of(1, 0), labels(set));
    }

    @Test
    void fingerprintIsSha256OfTheFileAndChangesWhenARowIsAdded() throws Exception {
        Path file = data().csv("m4d-35k", "img_path,label\na.jpg,1\n");
        String before = CsvDataset.open(dir, "m4d-35k").fingerprint();
        assertEquals(TestDataRoot.sha256(file), before);
        Files.writeString(file, "b.jpg,1\n", java.nio.file.StandardOpenOption.APPEND);
        String after = CsvDataset.open(dir, "m4d-35k").fingerprint();
        assertEquals(TestDataRoot.sha256(file), after);
        assertNotEquals(before, after);
    }

    @Test
    void missingHeaderColumnIsNamed() {
        Path file = data().csv("bad", "path,label\na.jpg,1\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "bad")),
                file.toString(), "line 1", "img_path");
    }

    @Test
    void headerlessFileIsRejectedOnItsFirstLine() {
        Path file = data().csv("bad", "a.jpg,1\nb.jpg,2\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "bad")),
                file.toString(), "line 1", "img_path");
    }

    @Test
    void wrongColumnCountNamesTheLine() {
        Path file = data().csv("bad", "img_path,label\na.jpg,1\nb.jpg,2,extra\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "bad")),
                file.toString(), "line 3", "3 fields, expected 2");
    }

    @Test
    void emptyLabelNamesTheLine() {
        Path file = data().csv("bad", "img_path,label\na.jpg,1\nb.jpg,\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "bad")),
                file.toString(), "line 3", "empty label");
    }

    @Test
    void pathsLeavingTheRootAreRejected() {
        for (String path : List.of("../outside.jpg", "a/../../outside.jpg", "/etc/passwd")) {
            Path file = data().csv("bad", "img_path,label\nok.jpg,1\n" + path + ",1\n");
            Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "bad")),
                    file.toString(), "line 3", path, "escapes");
        }
    }

    @Test
    void aDotDotThatStaysInsideIsAccepted() {
        data().csv("ok", "img_path,label\na/../b.jpg,1\n");
        assertEquals(dir.resolve("b.jpg"), CsvDataset.open(dir, "ok").samples().get(0).image());
    }

    @Test
    void emptyDatasetIsAnError() {
        Path file = data().csv("empty", "img_path,label\n\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "empty")),
                file.toString(), "no samples");
    }

    @Test
    void missingFileIsNamed() {
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> CsvDataset.open(dir, "nope")),
                dir.resolve("nope_train.csv").toString(), "not found");
    }
}
