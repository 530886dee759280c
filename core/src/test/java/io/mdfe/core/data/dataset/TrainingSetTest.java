package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mdfe.core.data.uned.MultiLabelPolicy;

/** Combination of m4d-35k (3 classes) with UnED cars (2 classes) and rp2k (1 class). */
class TrainingSetTest {

    @TempDir
    Path dir;

    private Path m4d;

    @BeforeEach
    void layout() {
        TestDataRoot data = new TestDataRoot(dir);
        m4d = data.csv("m4d-35k", "img_path,label\na.jpg,30\nb.jpg,10\nc.jpg,20\nd.jpg,10\n");
        data.unedInfo("cars", "train", "[{\"path\": \"cars/x.jpg\", \"class_id\": 7}, {\"path\": \"cars/y.jpg\", \"class_id\": 3},"
                + " {\"path\": \"cars/z.jpg\", \"class_id\": [7]}]");
        data.unedInfo("rp2k", "train", "[{\"path\": \"rp2k/p.jpg\", \"class_id\": 0}]");
    }

    private static List<Integer> labels(TrainingSet set) {
        return set.samples().stream().map(TrainingSample::label).toList();
    }

    @Test
    void offsetsEachDatasetByTheClassesBeforeIt() {
        TrainingSet set = TrainingSet.open(dir, List.of("m4d-35k", "uned:cars"));
        assertEquals(List.of("m4d-35k", "uned:cars"), set.sources().stream().map(DatasetSource::name).toList());
        assertEquals(5, set.numClasses());
        // m4d: 10 -> 0, 20 -> 1, 30 -> 2; cars: 3 -> 0, 7 -> 1, offset by 3
        assertEquals(List.of(2, 0, 1, 0, 4, 3, 4), labels(set));
        assertEquals(0, set.labelOffset("m4d-35k"));
        assertEquals(3, set.labelOffset("uned:cars"));
        assertArrayEquals(new long[] {2, 1, 1, 1, 2}, set.classCounts());
        TrainingSample car = set.samples().get(4);
        assertEquals("images/cars/x.jpg", car.relativePath());
        assertEquals(dir.resolve("images/cars/x.jpg"), car.image());
    }

    @Test
    void orderDecidesTheOffsets() {
        TrainingSet set = TrainingSet.open(dir, List.of("uned:cars", "m4d-35k"));
        assertEquals(2, set.labelOffset("m4d-35k"));
        assertEquals(List.of(1, 0, 1, 4, 2, 3, 2), labels(set));
    }

    @Test
    void unedIsEveryDomainOnDiskInIdOrder() {
        TrainingSet set = TrainingSet.open(dir, List.of("m4d-35k", "uned"));
        assertEquals(List.of("m4d-35k", "uned:cars", "uned:rp2k"), set.sources().stream().map(DatasetSource::name).toList());
        assertEquals(3, set.labelOffset("uned"));
        assertEquals(5, set.labelOffset("uned:rp2k"));
        assertEquals(6, set.numClasses());
    }

    @Test
    void fingerprintChangesWhenACsvRowIsAdded() throws Exception {
        String before = TrainingSet.open(dir, List.of("m4d-35k", "uned:cars")).fingerprint();
        assertEquals(before, TrainingSet.open(dir, List.of("m4d-35k", "uned:cars")).fingerprint(), "stable");
        assertNotEquals(before, TrainingSet.open(dir, List.of("uned:cars", "m4d-35k")).fingerprint(), "order matters");
        Files.writeString(m4d, "e.jpg,40\n", StandardOpenOption.APPEND);
        TrainingSet after = TrainingSet.open(dir, List.of("m4d-35k", "uned:cars"));
        assertNotEquals(before, after.fingerprint());
        assertEquals(TestDataRoot.sha256(m4d), after.sources().get(0).fingerprint());
    }

    @Test
    void unknownCsvNameListsWhatWasTriedAndWhatIsThere() {
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("m4d-35"))),
                "'m4d-35'", dir.resolve("m4d-35_train.csv").toString(), "available in " + dir + ": m4d-35k, uned, uned:cars, uned:rp2k");
    }

    @Test
    void unknownAndAbsentUnedDomainsAreNamed() {
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("uned:flowers"))),
                "'uned:flowers'", dir.resolve("info_files/flowers") + " is not a folder", "domains on disk: cars, rp2k");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("uned:sop"))),
                "'uned:sop'", dir.resolve("info_files/sop").toString());
    }

    @Test
    void duplicatesAndEmptyNamesAreErrors() {
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("uned", "uned:cars"))),
                "'uned:cars' twice");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("m4d-35k", "m4d-35k"))),
                "'m4d-35k' twice");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of())), "DATASET.names is empty");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("../m4d-35k"))),
                "'../m4d-35k'", "not a dataset name");
    }

    @Test
    void multiLabelTrainingItemsAndEmptyTrainSplitsAreRejected() {
        TestDataRoot data = new TestDataRoot(dir);
        Path sop = data.unedInfo("sop", "train", "[{\"path\": \"sop/a.jpg\", \"class_id\": 1}, {\"path\": \"sop/b.jpg\", \"class_id\": [1, 2]}]");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("uned:sop"))),
                sop.toString(), "item 1", "exactly one", "set DATASET.multi_label to skip or first");
        Path food = data.unedInfo("food2k", "train", "[]");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> TrainingSet.open(dir, List.of("uned:food2k"))),
                food.toString(), "empty list");
    }

    @Test
    void multiLabelItemsAreSkippedOrTrainOnTheirFirstClassWhenDatasetMultiLabelSaysSo() {
        TestDataRoot data = new TestDataRoot(dir);
        data.unedInfo("icons", "train", "[{\"path\": \"icons/a.jpg\", \"class_id\": 5},"
                + " {\"path\": \"icons/b.jpg\", \"class_id\": [9, 5]}, {\"path\": \"icons/c.jpg\", \"class_id\": 9}]");
        TrainingSet skip = TrainingSet.open(dir, List.of("uned:icons"), MultiLabelPolicy.SKIP);
        assertEquals(List.of("images/icons/a.jpg", "images/icons/c.jpg"),
                skip.samples().stream().map(TrainingSample::relativePath).toList());
        assertEquals(List.of(0, 1), labels(skip));
        TrainingSet first = TrainingSet.open(dir, List.of("uned:icons"), MultiLabelPolicy.FIRST);
        assertEquals(List.of(0, 1, 1), labels(first), "b trains as class 9, its first id");
        data.unedInfo("sprites", "train", "[{\"path\": \"sprites/a.jpg\", \"class_id\": [1, 2]}]");
        Messages.assertOneLine(assertThrows(DatasetException.class,
                () -> TrainingSet.open(dir, List.of("uned:sprites"), MultiLabelPolicy.SKIP)), "sprites", "nothing to train on");
    }

    @Test
    void unknownLabelOffsetNameListsTheKnownOnes() {
        TrainingSet set = TrainingSet.open(dir, List.of("m4d-35k", "uned:cars"));
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> set.labelOffset("uned:rp2k")), "m4d-35k, uned:cars");
    }
}
