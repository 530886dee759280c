package io.mdfe.trainer.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker's command line: the local form, the Job pod's form, and errors naming the argument. */
class WorkerArgumentsTest {

    @Test
    void localWorkerHasNoDeviceAndWatchesItsService() {
        WorkerArguments a = WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d"));
        assertEquals(new WorkerArguments(Path.of("/r"), Path.of("/d"), Optional.empty(), false), a);
    }

    @Test
    void jobPodWorkerIsDetachedOnItsGpu() {
        WorkerArguments a = WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d", "--detached", "--device", "cuda:0"));
        assertTrue(a.detached());
        assertEquals(Optional.of("cuda:0"), a.device());
    }

    @Test
    void multiGpuPodWorkerTrainsDataParallelOverItsGpus() {
        WorkerArguments a = WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d", "--detached",
                "--device", "cuda:0,cuda:1"));
        assertEquals(List.of("TRAIN.device=cuda:0", "TRAIN.gpu_ids=[0, 1]", "TRAIN.data_parallel=True"), a.overrides());
        assertEquals(List.of("TRAIN.device=cuda:0"), WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d",
                "--device", "cuda:0")).overrides());
        assertEquals(List.of(), WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d")).overrides());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("missing --data-root", assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(List.of("--run-dir", "/r"))).getMessage());
        assertEquals("--device needs a value", assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d", "--device"))).getMessage());
        assertEquals("--device 'cuda:0,cuda:0': cuda:0 is listed twice", assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(List.of("--run-dir", "/r", "--data-root", "/d", "--device", "cuda:0,cuda:0")))
                .getMessage());
        assertEquals("unknown argument --gpus", assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(List.of("--gpus", "2"))).getMessage());
        assertFalse(WorkerArguments.parse(List.of("--data-root", "/d", "--run-dir", "/r")).detached());
    }
}
