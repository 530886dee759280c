package io.mdfe.trainer.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe files as the Helm chart writes them (services.trainer.recipes -> <name>.json). */
class RecipeFilesTest {

    private static final String CHART_RECIPE = """
            {"configYaml":"MODEL:\\n  embedding_dim: 64\\n","datasetId":"uned","datasetNames":[],"enabled":true,"name":"probe"}""";

    @Test
    void readsTheChartsRecipeFilesInNameOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("probe.json"), CHART_RECIPE);
        Files.writeString(dir.resolve("a-first.json"), CHART_RECIPE.replace("\"probe\"", "\"a-first\"").replace("true", "false"));
        Files.writeString(dir.resolve("README"), "not a recipe");
        List<Recipe> recipes = RecipeFiles.read(dir);
        assertEquals(List.of(new Recipe("a-first", "MODEL:\n  embedding_dim: 64\n", "uned", List.of(), false),
                new Recipe("probe", "MODEL:\n  embedding_dim: 64\n", "uned", List.of(), true)), recipes);
    }

    @Test
    void badFilesAreRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path typo = Files.writeString(dir.resolve("probe.json"), CHART_RECIPE.replace("datasetId", "dataset_id"));
        assertMessage(dir, typo.toString(), "datasetId");
        Files.writeString(typo, CHART_RECIPE.replace(",\"enabled\":true", ""));
        assertMessage(dir, typo.toString(), "enabled");
        Files.writeString(typo, CHART_RECIPE.replace("\"probe\"", "\"other\""));
        assertMessage(dir, typo.toString(), "expected 'probe'");
        Files.writeString(typo, "{" + " ".repeat((int) RecipeFiles.MAX_BYTES) + "}");
        assertMessage(dir, typo.toString(), "larger than");
    }

    private static void assertMessage(Path dir, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, () -> RecipeFiles.read(dir)).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
        }
    }
}
