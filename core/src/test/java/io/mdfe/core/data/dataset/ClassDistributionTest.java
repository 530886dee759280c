package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDistributionTest {

    @TempDir
    Path dir;

    private TrainingSet set;
    private Path file;

    @BeforeEach
    void layout() {
        new TestDataRoot(dir).csv("m4d-35k", "img_path,label\na.jpg,b\nb.jpg,a\nc.jpg,b\nd.jpg,c\ne.jpg,b\n");
        set = TrainingSet.open(dir, List.of("m4d-35k"));
        file = dir.resolve("dist/cls_dist.csv");
    }

    @Test
    void createsTheFileWhenMissingWithoutTempFilesLeft() throws Exception {
        assertArrayEquals(new long[] {1, 3, 1}, ClassDistribution.loadOrCreate(file, set));
        assertEquals("label,num_samples\n0,1\n1,3\n2,1\n", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only the final file remains");
        }
    }

    @Test
    void anExistingMatchingFileIsAccepted() {
        ClassDistribution.write(file, new long[] {1, 3, 1});
        assertArrayEquals(new long[] {1, 3, 1}, ClassDistribution.loadOrCreate(file, set));
    }

    @Test
    void aMismatchNamesFileLabelAndBothCounts() {
        ClassDistribution.write(file, new long[] {1, 2, 1});
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.loadOrCreate(file, set)),
                file.toString(), "label 1", "the file has 2 samples, the training set 3 samples");
    }

    @Test
    void aDifferentNumberOfClassesIsAMismatch() {
        ClassDistribution.write(file, new long[] {1, 3, 1, 4});
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.loadOrCreate(file, set)),
                file.toString(), "label 3", "the file has 4 samples, the training set no such label", "4 vs 3 classes");
        ClassDistribution.write(file, new long[] {1, 3});
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.loadOrCreate(file, set)),
                "label 2", "the file has no line, the training set 1 samples");
    }

    @Test
    void malformedFilesNameTheLine() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "label,num_samples\n0,4\n2,1\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.read(file)),
                file.toString(), "line 3", "label 2, expected 1");
        Files.writeString(file, "label,num_samples\n0,-1\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.read(file)),
                "line 2", "num_samples '-1' is not an integer >= 0");
        Files.writeString(file, "label,count\n0,1\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> ClassDistribution.read(file)), "line 1", "num_samples");
    }
}
