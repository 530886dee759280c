package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {

    @TempDir
    Path dir;

    @Test
    void detectsCsv() {
        new TestDataRoot(dir).csv("m4d-35k", "img_path,label\na.jpg,1\n");
        assertEquals(DatasetFormat.CSV, DatasetFormat.detect(dir));
    }

    @Test
    void detectsUned() {
        new TestDataRoot(dir).unedInfo("cars", "train", "[]");
        assertEquals(DatasetFormat.UNED, DatasetFormat.detect(dir));
    }

    @Test
    void bothOrNeitherIsAnError() {
        DatasetException neither = assertThrows(DatasetException.class, () -> DatasetFormat.detect(dir));
        assertTrue(neither.getMessage().contains("no dataset found"), neither.getMessage());
        new TestDataRoot(dir).csv("m4d-35k", "img_path,label\na.jpg,1\n");
        new TestDataRoot(dir).unedInfo("cars", "train", "[]");
        DatasetException both = assertThrows(DatasetException.class, () -> DatasetFormat.detect(dir));
        assertTrue(both.getMessage().contains("both"), both.getMessage());
        assertThrows(DatasetException.class, () -> DatasetFormat.detect(dir.resolve("missing")));
    }
}
