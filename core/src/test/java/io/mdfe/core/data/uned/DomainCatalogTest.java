package io.mdfe.core.data.uned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.Messages;
import io.mdfe.core.data.dataset.TestDataRoot;

/** Domains found in any UnED-layout folder: ids, the query -> index rules, domains.yaml, and errors. */
class DomainCatalogTest {

    @TempDir
    Path dir;

    private TestDataRoot data() {
        return new TestDataRoot(dir);
    }

    private static String items(String domain, String split, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"path\": \"" + domain + "/" + split + "/" + i + ".jpg\", \"class_id\": " + (i % 2) + "}")
                .reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
    }

    private void split(String domain, String split, int count) {
        data().unedInfo(domain, split, items(domain, split, count));
    }

    @Test
    void otherDomainsGetIdsFromEightInSortedNameOrderBesideTheTable() {
        split("sprites", "test", 2);
        split("cars", "test", 2);
        split("icons", "test", 2);
        UnedDataset uned = UnedDataset.open(dir);
        assertEquals(List.of("cars", "icons", "sprites"), uned.domainsOnDisk().stream().map(UnedDomain::name).toList());
        assertEquals(List.of(0, 8, 9), uned.domainsOnDisk().stream().map(UnedDomain::id).toList());
        assertEquals(9, uned.items(uned.domain("sprites"), "test").get(0).domainId());
    }

    @Test
    void theFilesPresentChooseTheQueryIndexSplits() {
        split("icons", "test", 2);
        split("icons", "index", 3);
        split("icons", "val", 2);
        split("icons", "small_index", 4);
        split("sprites", "test", 2);
        split("sprites", "val", 2);
        UnedDataset uned = UnedDataset.open(dir);
        UnedDomain icons = uned.domain("icons");
        UnedDomain sprites = uned.domain("sprites");
        assertEquals(new QueryIndexSplits("test", "index"), icons.test());
        assertEquals(new QueryIndexSplits("val", "small_index"), icons.val());
        assertEquals(new QueryIndexSplits("test", "test"), sprites.test());
        assertEquals(new QueryIndexSplits("val", "val"), sprites.val());

        EvaluationSet set = uned.evaluation(UnedSplit.TEST, UnedProtocol.SEPARATE, List.of());
        RetrievalTask iconsTask = set.tasks().get(0);
        RetrievalTask spritesTask = set.tasks().get(1);
        assertFalse(iconsTask.queryIsIndex());
        assertEquals(3, iconsTask.index().size());
        assertTrue(spritesTask.queryIsIndex(), "test -> test: the query's own entry is removed");
        assertEquals(0, spritesTask.selfPosition(0));
        assertEquals("sprites", spritesTask.domainName(9));
        RetrievalTask merged = uned.evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of()).tasks().get(0);
        assertEquals("icons", merged.domainName(8));
        assertEquals("sprites", merged.domainName(9));
    }

    @Test
    void domainsYamlDeclaresTheSplits() {
        split("sprites", "test", 2);
        split("sprites", "train", 4);
        split("sprites", "val", 2);
        data().write("domains.yaml", """
                # the test queries are searched against the train split
                domains:
                  sprites:
                    test: {query: test, index: train}
                """);
        UnedDataset uned = UnedDataset.open(dir);
        UnedDomain sprites = uned.domain("sprites");
        assertEquals(new QueryIndexSplits("test", "train"), sprites.test());
        assertEquals(new QueryIndexSplits("val", "val"), sprites.val(), "not declared: the files' rule");
        assertEquals(4, uned.evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of()).tasks().get(0).index().size());
    }

    @Test
    void domainsYamlIsStrictAndNamesFileAndKey() {
        split("icons", "test", 2);
        Path file = dir.resolve("domains.yaml");
        badYaml("domains:\n  icons:\n    tset: {query: test, index: test}\n", file.toString(), "unknown key domains.icons.tset",
                "allowed: test, val");
        badYaml("domains:\n  icons:\n    test: {query: test, index: gallery}\n", "key domains.icons.test.index",
                "'gallery' is not a split", "small_index");
        badYaml("domains:\n  icons:\n    test: {query: test}\n", "key domains.icons.test.index is missing");
        badYaml("domain:\n  icons: {}\n", "unknown key domain", "allowed: domains");
        badYaml("domains:\n  cars:\n    test: {query: test, index: index}\n", "key domains.cars", "UnED domain");
        badYaml("domains:\n  flowers:\n    test: {query: test, index: test}\n", "key domains.flowers",
                dir.resolve("info_files/flowers").toString(), "domains here: icons");
        badYaml("domains:\n  icons: {test: {query: test, index: test}}\n  icons: {}\n", "invalid YAML", "duplicate key");
        badYaml("domains: [icons]\n", "key domains: expected a mapping");
    }

    private void badYaml(String text, String... parts) {
        data().write("domains.yaml", text);
        DatasetException e = assertThrows(DatasetException.class, () -> UnedDataset.open(dir));
        Messages.assertOneLine(e, dir.resolve("domains.yaml").toString());
        Messages.assertOneLine(e, parts);
    }

    @Test
    void aDomainThatCannotBeEvaluatedIsAnErrorNamingItAndWhy() {
        split("cars", "test", 2);
        split("icons", "test", 2);
        split("sprites", "train", 2); // no test file
        DatasetException e = assertThrows(DatasetException.class,
                () -> UnedDataset.open(dir).evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of()));
        Messages.assertOneLine(e, "domain 'sprites' cannot be evaluated on the test split", "test -> test, no index.json",
                dir.resolve("info_files/sprites/test.json").toString());
        assertEquals(DatasetException.Kind.MISSING, e.kind());
        assertEquals(List.of("cars", "icons"), UnedDataset.open(dir)
                .evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of("icons", "cars")).domains().stream()
                .map(UnedDomain::name).toList(), "chosen domains evaluate, in id order");

        data().write("domains.yaml", "domains:\n  icons:\n    test: {query: test, index: index}\n");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir)
                .evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of("icons"))), "domain 'icons'",
                "declared in domains.yaml", dir.resolve("info_files/icons/index.json").toString());
    }

    @Test
    void aFolderThatCannotBeADomainNameIsAnError() {
        split("icons", "test", 2);
        data().mkdirs("info_files/my icons");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir)),
                dir.resolve("info_files").toString(), "'my icons' is not a usable domain name");
    }
}
