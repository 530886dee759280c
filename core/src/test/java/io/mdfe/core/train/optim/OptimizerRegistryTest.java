package io.mdfe.core.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.OptimizerConfig;
import io.mdfe.core.train.schedule.LrSchedule;
import org.junit.jupiter.api.Test;

/** Upstream OPTIMIZER.name spellings map to the right optimizer; others are one-line errors. */
class OptimizerRegistryTest {

    private static final LrSchedule CONSTANT = step -> 1e-3;

    private static TrainingOptimizer create(String name) {
        return OptimizerRegistry.create(new OptimizerConfig(name, 1e-3, 1e-4, 0.9), CONSTANT);
    }

    @Test
    void namesMapToOptimizers() {
        assertInstanceOf(SgdOptimizer.class, create("SGD"));
        assertEquals(AdamOptimizer.class, create("Adam").getClass());
        assertInstanceOf(AdamWOptimizer.class, create("AdamW"));
        assertEquals(AdamOptimizer.class, ((SamOptimizer) create("SAM_Adam")).base().getClass());
        assertInstanceOf(AdamWOptimizer.class, ((SamOptimizer) create("SAM_AdamW")).base());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> create("adam"));
        assertEquals("OPTIMIZER.name: unknown value 'adam'; allowed: SGD, Adam, AdamW, SAM_Adam, SAM_AdamW",
                e.getMessage());
    }
}
