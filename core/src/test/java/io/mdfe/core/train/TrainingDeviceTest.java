package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devices a run trains on, and the {@code --device} option's overrides (a list = data parallel). */
class TrainingDeviceTest {

    @Test
    void aDeviceListBecomesDataParallelOverThoseGpus() {
        assertEquals(List.of("TRAIN.device=cuda:0", "TRAIN.gpu_ids=[0, 1, 3]", "TRAIN.data_parallel=True"),
                TrainingDevice.overrides("cuda:0,cuda:1, cuda:3", "--device"));
        assertEquals(List.of("TRAIN.device=cuda:2", "TRAIN.gpu_ids=[2, 0]", "TRAIN.data_parallel=True"),
                TrainingDevice.overrides("cuda:2,cuda:0", "--device"));
        // the overrides are valid config
        TrainConfig train = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"),
                TrainingDevice.overrides("cuda:1,cuda:0", "--device")).train();
        assertEquals("cuda:1", train.device());
        assertEquals(List.of(1, 0), train.gpuIds());
        assertTrue(train.dataParallel());
    }

    @Test
    void oneDeviceIsJustTheDevice() {
        assertEquals(List.of("TRAIN.device=cpu"), TrainingDevice.overrides("cpu", "--device"));
        assertEquals(List.of("TRAIN.device=cuda:1"), TrainingDevice.overrides("cuda:1", "--device"));
    }

    @Test
    void aListOfAnythingButDistinctGpusIsRefusedNamingTheOption() {
        IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.overrides("cpu,cuda:1", "--device"));
        assertEquals("--device 'cpu,cuda:1': a list of devices trains data-parallel over GPUs, each cuda:N; got 'cpu'",
                cpu.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.overrides("cuda:0,cuda:0", "--device"));
        assertEquals("--device 'cuda:0,cuda:0': cuda:0 is listed twice", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingDevice.overrides("cuda:0,", "--device"));
    }

    @Test
    void dataParallelismOnTheCpuIsOneDevice() {
        TrainConfig train = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), List.of()).train();
        assertEquals(List.of(Device.cpu()), TrainingDevice.select(train, true));
        assertEquals(List.of(Device.cpu()), TrainingDevice.select(train, false));
    }

    @Test
    void gpusThatAreNotThereAreRefusedNamingTheKey() {
        int visible = Engine.getInstance().getGpuCount();
        TrainConfig train = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"),
                TrainingDevice.overrides("cuda:0,cuda:" + (visible + 1), "--device")).train();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.select(train, false));
        assertTrue(e.getMessage().startsWith(visible == 0 ? "TRAIN.device 'cuda:0' is not available"
                : "TRAIN.gpu_ids [0, " + (visible + 1) + "]: GPU " + (visible + 1) + " is not available"), e.getMessage());
    }
}
