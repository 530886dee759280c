package io.mdfe.core.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.dataset.TrainingSet;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.RetrievalTask;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data is read by the real readers: the M4D-style CSV and the UnED tree agree. */
class DemoDataFormatsTest {

    @TempDir
    Path tmp;

    @Test
    void csvAndUnedReadersAcceptTheDemoTree() throws Exception {
        Path root = tmp.resolve("demo");
        new DemoDataGenerator(42, DemoScale.CI, 2).write(root, false);

        TrainingSet csv = TrainingSet.open(root, List.of("demo"));
        TrainingSet uned = TrainingSet.open(root, List.of("uned"));
        assertEquals(csv.samples().size(), uned.samples().size(), "the CSV lists the UnED train splits");
        assertEquals(csv.numClasses(), uned.numClasses());
        csv.samples().forEach(s -> assertTrue(Files.isRegularFile(s.image()), s.relativePath()));

        UnedDataset dataset = UnedDataset.open(root);
        assertEquals(List.of("sop", "gldv2", "food2k", "rp2k"),
                dataset.domainsOnDisk().stream().map(d -> d.name()).toList(), "in UnED domain-id order");
        EvaluationSet merged = dataset.evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of());
        assertEquals(1, merged.tasks().size());
        EvaluationSet separate = dataset.evaluation(UnedSplit.TEST, UnedProtocol.SEPARATE, List.of());
        assertEquals(4, separate.tasks().size());
        RetrievalTask gldv2 = separate.tasks().stream().filter(t -> t.name().equals("gldv2")).findFirst().orElseThrow();
        assertTrue(!gldv2.queryIsIndex(), "gldv2 test queries search the separate index split");
        assertTrue(gldv2.queries().stream().anyMatch(q -> q.classIds().length > 1), "a multi-label query");
        int queries = separate.tasks().stream().mapToInt(t -> t.queries().size()).sum();
        assertEquals(queries, merged.tasks().get(0).queries().size());
    }
}
