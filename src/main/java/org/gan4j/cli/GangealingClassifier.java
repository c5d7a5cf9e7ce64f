package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.gangealing.ClassifierMethod;
import org.gan4j.gangealing.ClassifierRun;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing classifier}: the cluster classifier of a K-head (or flips) GANgealing run. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Train the cluster classifier of a K-head GANgealing run (train_cluster_classifier.py): it learns",
                "from generated images which head (and whether the mirror image) congeals each best, and at test time",
                "picks them for real images. The run ends with gangealing.pt: the congealing model with its classifier."},
        footer = {"", "Examples:", "  gan4j gangealing classifier --model runs/cars --out runs/cars-classified",
                "  gan4j gangealing congeal --model runs/cars-classified --images cars/ --out aligned/"})
final class GangealingClassifier extends TrainCommand<ClassifierRun, Path> {

    @Option(names = "--model", paramLabel = "RUN", description = "The finished K-head GANgealing run.")
    Path model;

    @Option(names = "--iters", defaultValue = "2000", paramLabel = "N", description = "Steps. Default: ${DEFAULT-VALUE}.")
    long iters;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "Images per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "LR", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    @Override
    String method() {
        return ClassifierMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--model");
    }

    @Override
    boolean newRunFlagGiven() {
        return model != null;
    }

    @Override
    String missingInput() {
        return model == null ? "give the K-head GANgealing run with --model RUN (or --resume RUN)" : null;
    }

    @Override
    ClassifierRun plan() {
        return new ClassifierRun(model.toAbsolutePath().toString(), batch, iters, lr, seedOrFresh());
    }

    @Override
    void printPlan(PrintWriter out, ClassifierRun plan) {
        out.println(RunDir.toJson(plan));
    }

    @Override
    ClassifierRun open(ClassifierRun plan) {
        return plan;
    }

    @Override
    void announce(PrintWriter out, ClassifierRun plan, RunDir run) {
        out.println("GANgealing cluster classifier for " + plan.congealing() + ": " + plan.iters() + " steps of batch "
                + plan.batch() + ", seed " + plan.seed() + "; run " + run.dir());
    }

    @Override
    Path train(ClassifierRun plan, RunDir run, Progress progress) {
        return ClassifierMethod.train(plan, run, progress);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return ClassifierMethod.resume(run.dir(), progress);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        out.println("Model: " + dir.resolve(GangealingModel.CHECKPOINT) + "  (congeal with: gan4j gangealing congeal --model "
                + dir + " --images DIR --out congealed/)");
    }
}
