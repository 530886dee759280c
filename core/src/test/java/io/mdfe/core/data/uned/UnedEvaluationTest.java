package io.mdfe.core.data.uned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.TestDataRoot;

/** The val/test protocols on a root with cars (val -> val, test -> test), inshop and met. */
class UnedEvaluationTest {

    @TempDir
    Path dir;

    private UnedDataset uned;

    private static String items(String domain, String split, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"path\": \"" + domain + "/" + split + "/" + i + ".jpg\", \"class_id\": " + (i % 2) + "}")
                .reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
    }

    @BeforeEach
    void layout() {
        TestDataRoot data = new TestDataRoot(dir);
        data.unedInfo("cars", "val", items("cars", "val", 3));
        data.unedInfo("cars", "test", items("cars", "test", 4));
        data.unedInfo("inshop", "val", items("inshop", "val", 2));
        data.unedInfo("inshop", "test", items("inshop", "test", 2));
        data.unedInfo("inshop", "index", items("inshop", "index", 5));
        data.unedInfo("met", "val", items("met", "val", 2));
        data.unedInfo("met", "small_index", items("met", "small_index", 6));
        data.unedInfo("met", "test", items("met", "test", 1));
        data.unedInfo("met", "index", items("met", "index", 7));
        uned = UnedDataset.open(dir);
    }

    private static List<Integer> selfPositions(RetrievalTask task) {
        return IntStream.range(0, task.queries().size()).map(task::selfPosition).boxed().toList();
    }

    @Test
    void separateValHasOneTaskPerDomainWithMetAgainstSmallIndex() {
        EvaluationSet set = uned.evaluation(UnedSplit.VAL, UnedProtocol.SEPARATE, List.of());
        assertEquals(List.of("cars", "inshop", "met"), set.tasks().stream().map(RetrievalTask::name).toList());
        RetrievalTask cars = set.tasks().get(0);
        assertTrue(cars.queryIsIndex());
        assertSame(cars.queries(), cars.index());
        assertEquals(List.of(0, 1, 2), selfPositions(cars));
        RetrievalTask met = set.tasks().get(2);
        assertFalse(met.queryIsIndex());
        assertEquals(2, met.queries().size());
        assertEquals(6, met.index().size());
        assertTrue(met.index().get(0).path().startsWith("met/small_index/"));
        assertEquals(List.of(-1, -1), selfPositions(met));
    }

    @Test
    void separateTestSearchesInshopAndMetAgainstTheirIndex() {
        EvaluationSet set = uned.evaluation(UnedSplit.TEST, UnedProtocol.SEPARATE, List.of("met", "inshop"));
        assertEquals(List.of("inshop", "met"), set.tasks().stream().map(RetrievalTask::name).toList(), "domain-id order");
        RetrievalTask inshop = set.tasks().get(0);
        assertEquals(2, inshop.queries().size());
        assertEquals(5, inshop.index().size());
        assertTrue(inshop.index().get(4).path().startsWith("inshop/index/"));
        assertFalse(inshop.queryIsIndex());
        assertEquals(7, set.tasks().get(1).index().size());
    }

    @Test
    void mergedValConcatenatesQueriesAndIndexWithSelfPositionsPerItem() {
        EvaluationSet set = uned.evaluation(UnedSplit.VAL, UnedProtocol.MERGED, List.of());
        assertEquals(1, set.tasks().size());
        RetrievalTask merged = set.tasks().get(0);
        assertEquals(RetrievalTask.MERGED, merged.name());
        assertEquals(3 + 2 + 2, merged.queries().size());
        assertEquals(3 + 2 + 6, merged.index().size());
        assertTrue(merged.queryIsIndex());
        // cars queries are index 0..2, inshop's 3..4, met's val queries are not in met's small_index
        assertEquals(List.of(0, 1, 2, 3, 4, -1, -1), selfPositions(merged));
        for (int q = 0; q < 5; q++) {
            assertSame(merged.queries().get(q), merged.index().get(merged.selfPosition(q)));
        }
        assertEquals(List.of(0, 0, 0, 2, 2, 4, 4), merged.queries().stream().map(UnedItem::domainId).toList());
    }

    @Test
    void mergedTestUsesTestToIndexWhereTheTableSaysSo() {
        RetrievalTask merged = uned.evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of()).tasks().get(0);
        assertEquals(4 + 2 + 1, merged.queries().size());
        assertEquals(4 + 5 + 7, merged.index().size());
        assertEquals(List.of(0, 1, 2, 3, -1, -1, -1), selfPositions(merged));
    }

    @Test
    void aRequestedDomainMissingOnDiskIsNamed() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> uned.evaluation(UnedSplit.VAL, UnedProtocol.MERGED, List.of("cars", "gldv2")));
        assertTrue(e.getMessage().contains("'gldv2'") && e.getMessage().contains(dir.resolve("info_files/gldv2").toString()),
                e.getMessage());
    }

    @Test
    void aMissingQueryOrIndexFileIsNamed() {
        new TestDataRoot(dir).unedInfo("sop", "val", items("sop", "val", 1));
        UnedDataset reopened = UnedDataset.open(dir); // the domains are found when the folder is opened
        DatasetException e = assertThrows(DatasetException.class,
                () -> reopened.evaluation(UnedSplit.TEST, UnedProtocol.SEPARATE, List.of("sop")));
        assertTrue(e.getMessage().contains(dir.resolve("info_files/sop/test.json").toString()), e.getMessage());
    }

    @Test
    void selfPositionsMustPointAtTheQuerysOwnEntry() {
        List<UnedItem> val = uned.items(uned.domain("cars"), "val");
        assertThrows(IllegalArgumentException.class,
                () -> new RetrievalTask("x", val, val, true, List.of(1, 0, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetrievalTask("x", val, val, false, List.of(0, 1, 2)));
    }
}
