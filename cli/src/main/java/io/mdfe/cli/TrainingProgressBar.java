package io.mdfe.cli;

import io.mdfe.core.train.CheckpointInfo;
import io.mdfe.core.train.StepStats;
import io.mdfe.core.train.TrainingListener;
import io.mdfe.core.train.schedule.TrainingPlan;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The training progress bar: step, epoch, loss, lr, images/s and ETA; checkpoints and evaluations as they come. */
final class TrainingProgressBar implements TrainingListener, AutoCloseable {

    private ProgressBar bar;

    @Override
    public void onStart(TrainingPlan plan, long startStep) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(plan.totalIterations())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).startsFrom(startStep, java.time.Duration.ZERO)
                .build();
    }

    @Override
    public void onStep(StepStats s) {
        bar.stepTo(s.step());
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f lr %.2e %.0f img/s", s.epoch(),
                s.loss(), s.lr(), s.imagesPerSecond()));
    }

    @Override
    public void onCheckpoint(CheckpointInfo checkpoint) {
        bar.setExtraMessage("saved " + checkpoint.dir().getFileName() + ", evaluating");
    }

    @Override
    public void onEvaluation(CheckpointInfo checkpoint, Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder(checkpoint.dir().getFileName() + ":");
        metrics.forEach((k, v) -> text.append(String.format(Locale.ROOT, " %s %.3f", k, v)));
        bar.setExtraMessage(text.toString());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
