package io.mdfe.core.data.uned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.Messages;
import io.mdfe.core.data.dataset.TestDataRoot;

class UnedDatasetTest {

    @TempDir
    Path dir;

    private TestDataRoot data() {
        return new TestDataRoot(dir);
    }

    private DatasetException badInfo(String json, String... parts) {
        Path file = data().unedInfo("cars", "val", json);
        UnedDataset uned = UnedDataset.open(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> uned.items(UnedDomains.find("cars").orElseThrow(), "val"));
        Messages.assertOneLine(e, file.toString());
        Messages.assertOneLine(e, parts);
        return e;
    }

    @Test
    void readsSingleAndMultiLabelItemsWithPathsUnderImages() {
        data().unedInfo("inshop", "test", """
                [{"path": "inshop/img/a.jpg", "class_id": 4},
                 {"path": "inshop/img/b.jpg", "class_id": [4, 9]}]""");
        UnedDataset uned = UnedDataset.open(dir);
        List<UnedItem> items = uned.items(uned.domain("inshop"), "test");
        assertEquals(2, items.size());
        assertEquals("inshop/img/a.jpg", items.get(0).path());
        assertEquals(dir.resolve("images/inshop/img/a.jpg"), items.get(0).image());
        assertArrayEquals(new int[] {4}, items.get(0).classIds());
        assertArrayEquals(new int[] {4, 9}, items.get(1).classIds());
        assertEquals(2, items.get(1).domainId());
        assertTrue(items.get(1).hasClass(9));
        assertTrue(items.get(0).sharesClassWith(items.get(1)));
    }

    @Test
    void everyInfoFolderIsADomainInIdOrderAndOneWithoutImagesIsNamedWhenUsed() {
        data().unedInfo("rp2k", "train", "[]");
        data().unedInfo("cars", "train", "[]");
        data().mkdirs("info_files/met"); // no images/met: listed, not left out quietly
        data().mkdirs("info_files/.cache"); // hidden: not a domain
        assertEquals(List.of("cars", "met", "rp2k"), UnedDataset.open(dir).domainsOnDisk().stream().map(UnedDomain::name).toList());
    }

    @Test
    void aDomainNotOnDiskNamesTheFolderTried() {
        data().unedInfo("cars", "train", "[]");
        data().mkdirs("info_files/met");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir).domain("met")),
                "'met'", dir.resolve("images/met").toString());
    }

    @Test
    void unknownDomainListsTheValidOnes() {
        data().mkdirs("info_files");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir).domain("flowers")),
                "'flowers' is not on disk", dir.resolve("info_files/flowers").toString(), "domains on disk: none");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir).domain("../cars")),
                "'../cars' is not a usable domain name");
    }

    @Test
    void missingSplitAndUnknownSplitAreNamed() {
        data().unedInfo("cars", "train", "[]");
        UnedDataset uned = UnedDataset.open(dir);
        UnedDomain cars = uned.domain("cars");
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> uned.items(cars, "val")),
                "'cars'", dir.resolve("info_files/cars/val.json").toString());
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> uned.items(cars, "../x")),
                "unknown split '../x'", "small_index");
    }

    @Test
    void notAUnedRoot() {
        Messages.assertOneLine(assertThrows(DatasetException.class, () -> UnedDataset.open(dir)),
                dir.resolve("info_files").toString());
    }

    @Test
    void jsonThatIsNotAListIsRejected() {
        badInfo("{\"path\": \"cars/a.jpg\", \"class_id\": 1}", "not a JSON list");
    }

    @Test
    void itemErrorsNameTheItem() {
        badInfo("[{\"path\": \"cars/a.jpg\", \"class_id\": 1}, {\"class_id\": 1}]", "item 1", "missing \"path\"");
        badInfo("[{\"path\": \"cars/a.jpg\"}]", "item 0", "missing \"class_id\"");
        badInfo("[{\"path\": 7, \"class_id\": 1}]", "item 0", "missing \"path\"");
        badInfo("[1, 2]", "item 0", "expected an object");
        for (String bad : List.of("\"3\"", "1.5", "[]", "[1, \"2\"]", "true", "null", "4000000000")) {
            badInfo("[{\"path\": \"cars/a.jpg\", \"class_id\": 1}, {\"path\": \"cars/b.jpg\", \"class_id\": " + bad + "}]",
                    "item 1", "class_id must be an int or a non-empty list of ints");
        }
    }

    @Test
    void malformedJsonNamesTheLine() {
        badInfo("[\n{\"path\": \"cars/a.jpg\", \"class_id\": 1},\n{\"path\": \"cars/b.jpg\" \"class_id\": 2}\n]",
                "malformed JSON at line 3");
        badInfo("[{\"path\": \"cars/a.jpg\", \"class_id\": 1}", "line 1");
    }

    @Test
    void pathsLeavingImagesAreRejected() {
        badInfo("[{\"path\": \"cars/a.jpg\", \"class_id\": 1}, {\"path\": \"../info_files/x.json\", \"class_id\": 1}]",
                "item 1", "escapes");
        badInfo("[{\"path\": \"/etc/passwd\", \"class_id\": 1}]", "item 0", "escapes");
    }

    @Test
    void rp2kFallsBackToTheEscapedFileName() throws Exception {
        // "饮料/可乐é.jpg": U+996E U+6599 / U+53EF U+4E50 U+00E9
        String annotated = "rp2k/\u996E\u6599/\u53EF\u4E50\u00E9.jpg";
        Path escaped = dir.resolve("images/rp2k/#U996e#U6599/#U53ef#U4e50#U00e9.jpg");
        Files.createDirectories(escaped.getParent());
        Files.writeString(escaped, "not really a jpeg");
        data().write("images/rp2k/plain/ok.jpg", "x");
        data().unedInfo("rp2k", "val", "[{\"path\": \"" + annotated + "\", \"class_id\": 3},"
                + " {\"path\": \"rp2k/plain/ok.jpg\", \"class_id\": 3}]");
        UnedDataset uned = UnedDataset.open(dir);
        List<UnedItem> items = uned.items(uned.domain("rp2k"), "val");
        assertEquals(annotated, items.get(0).path());
        assertEquals(escaped, items.get(0).image());
        assertEquals(dir.resolve("images/rp2k/plain/ok.jpg"), items.get(1).image());
    }

    @Test
    void rp2kPrefersTheAnnotatedNameWhenItExists() throws Exception {
        String annotated = "rp2k/\u53EF\u4E50.jpg";
        data().write("images/" + annotated, "x");
        data().write("images/rp2k/#U53ef#U4e50.jpg", "x");
        data().unedInfo("rp2k", "val", "[{\"path\": \"" + annotated + "\", \"class_id\": 3}]");
        UnedDataset uned = UnedDataset.open(dir);
        assertEquals(dir.resolve("images/" + annotated), uned.items(uned.domain("rp2k"), "val").get(0).image());
    }

    @Test
    void onlyDomainsThatStoreEscapedNamesFallBack() throws Exception {
        data().write("images/cars/#U53ef.jpg", "x");
        data().unedInfo("cars", "val", "[{\"path\": \"cars/\u53EF.jpg\", \"class_id\": 3}]");
        UnedDataset uned = UnedDataset.open(dir);
        assertEquals(dir.resolve("images/cars/\u53EF.jpg"), uned.items(uned.domain("cars"), "val").get(0).image());
    }

    @Test
    void escapesEveryNonAsciiCharacterAsPythonUnicodeEscapeDoes() {
        assertEquals("a#U00e9b#U4e2d#U0001f600.jpg", EscapedNames.escape("a\u00E9b\u4e2d\uD83D\uDE00.jpg"));
        assertTrue(EscapedNames.isAscii("plain/name.jpg"));
    }
}
