package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.gangealing.Annealing;
import org.gan4j.gangealing.GangealingConfig;
import org.gan4j.gangealing.GangealingMethod;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.GangealingRun;
import org.gan4j.gangealing.GangealingTraining;
import org.gan4j.models.ShippedModel;
import org.gan4j.nn.Padding2d;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing train}: a congealing STN and target learned from a StyleGAN2 generator alone. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train GANgealing on a StyleGAN2 generator: a spatial transformer (similarity, then flow) learns to",
                "warp random samples onto their versions at a learned target pose, which ψ anneals in from the sample",
                "itself. No real images are needed. The run gets config.json, samples/ (x, T(x), target), metrics.csv,",
                "loss.png, checkpoints/latest.pt and, at the end, gangealing.pt (the official checkpoint layout)."},
        footer = {"", "Examples:",
                "  gan4j gangealing train --model builtin:faces --preset fast --out runs/congeal   (the shipped faces StyleGAN2)",
                "  gan4j gangealing train --model cat256.pt --preset paper --vgg16 vgg16.pth --tv-weight 2500",
                "  gan4j gangealing train --model cars.pt --heads 4 --flips --padding reflection --out runs/cars",
                "  gan4j gangealing train --model builtin:faces --nproc 2 --out runs/c2   data-parallel, 2 local processes",
                "  gan4j gangealing train --resume runs/congeal        continue a killed run where it stopped",
                "  gan4j gangealing train --resume runs/congeal --iters 21600   train a finished run on, to 21,600"})
final class GangealingTrain extends TrainCommand<GangealingRun, Path> {

    @Option(names = "--model", paramLabel = "G_CKPT", description = "The StyleGAN2 checkpoint (rosinality layout, as gan4j stylegan2"
            + " train writes), or builtin:faces, the shipped one; its discriminator is the default loss.")
    Path model;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
            description = "fast (STN for 64 px, batch 8, 5,000 iterations, ψ annealed over 1,500) or paper (the official:"
                    + " flow 128, batch 5, 1.5M iterations, ψ over 150k). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--heads", defaultValue = "1", paramLabel = "K", description = "Clusters, each with its own target and"
            + " warp head (K-means++ initialised). Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--flips", description = "Also try each sample mirrored and keep the better (cars, horses).")
    boolean flips;

    @Option(names = "--iters", paramLabel = "N", description = "Training iterations (overrides the preset; ψ annealing and"
            + " the cosine period scale with it). With --resume: lengthens a run (finished or not) to N, its schedule kept,"
            + " as the official --ckpt with a larger --iter; end it where a cosine cycle ends (the command names them).")
    Long iters;

    @Option(names = "--batch", paramLabel = "B", description = "Pairs per step (overrides the preset).")
    Integer batch;

    @Option(names = "--accumulate", paramLabel = "A", description = "Steps of gradients summed per update (a larger"
            + " effective batch; the official README warns that small batches can collapse).")
    Integer accumulate;

    @Option(names = "--ndirs", paramLabel = "N", description = "PCA directions the target moves along (default 1).")
    Integer ndirs;

    @Option(names = "--inject", paramLabel = "L", description = "W+ layers below L take the target (default 5).")
    Integer inject;

    @Option(names = "--freeze-ll", description = "Keep the target latent fixed at its start.")
    boolean freezeLl;

    @Option(names = "--tv-weight", paramLabel = "W", description = "Total-variation weight (default 1000; 2500 in the"
            + " official LPIPS recipes).")
    Double tvWeight;

    @Option(names = "--flow-identity-weight", paramLabel = "W", description = "Flow identity weight (default 1).")
    Double flowIdentityWeight;

    @Option(names = "--padding", paramLabel = "MODE", description = "border (default), reflection or zeros.")
    String padding;

    @Option(names = "--anneal-fn", paramLabel = "FN", description = "cosine (default) or linear ψ annealing.")
    String annealFn;

    @Option(names = "--sample-from-full-res", description = "Sample the generator's full-resolution images.")
    boolean fullRes;

    @Option(names = "--vgg16", paramLabel = "FILE", description = "torchvision VGG16 weights for the LPIPS-style loss"
            + " (default: the generator's own discriminator features, no download).")
    Path vgg16;

    @Option(names = "--samples", defaultValue = "8", paramLabel = "N", description = "Samples per grid. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    @Override
    String method() {
        return GangealingMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--model", "--heads", "--batch");
    }

    @Override
    boolean newRunFlagGiven() {
        return model != null || batch != null;
    }

    /** {@code --iters} with {@code --resume}: the run lengthened to it (config.json rewritten) before it goes on. */
    @Override
    void beforeResume(PrintWriter out, RunDir run) {
        if (iters == null) {
            return;
        }
        long before = GangealingTraining.extend(run, iters);
        GangealingConfig c = run.readConfig(GangealingRun.class).config();
        double lastLr = Annealing.lrFactor(iters - 1, c.annealPsi(), c.period(), c.tm(), c.decay());
        List<Long> ends = GangealingTraining.cycleEnds(c, Math.max(iters, 4 * before)).stream()
                .filter(e -> e > before).limit(3).toList();
        String where = lastLr < GangealingTraining.LR_SETTLED ? "; its last step ends a cosine cycle (learning rate ~0)"
                : String.format("; warning: its last step runs at %.2g of the base learning rate, in mid-cycle%s", lastLr,
                        ends.isEmpty() ? "" : " (cycles end at " + ends.stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        out.println("Lengthening " + run.dir() + " from " + before + " to " + iters + " iterations" + where + ".");
    }

    @Override
    String missingInput() {
        return model == null ? "give the StyleGAN2 generator with --model G_CKPT (or --resume RUN)" : null;
    }

    @Override
    GangealingRun plan() {
        int size;
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(ShippedModel.FACES_STYLEGAN2.orFile(model))) {
            size = ck.config().size();
        }
        GangealingConfig c = GangealingConfig.preset(preset, size, heads);
        if (iters != null) {
            double f = (double) iters / c.iters();
            c = c.withSchedule(iters, Math.max(1, Math.round(c.annealPsi() * f)), Math.max(1, c.period() * f));
        }
        c = batch != null ? c.withBatch(batch) : c;
        c = accumulate != null ? c.withAccumulate(accumulate) : c;
        c = c.withTarget(ndirs != null ? ndirs : c.ndirs(), inject != null ? inject : c.inject(), freezeLl);
        c = c.withWeights(tvWeight != null ? tvWeight : c.tvWeight(),
                flowIdentityWeight != null ? flowIdentityWeight : c.flowIdentityWeight());
        c = c.withSampling(padding != null ? Padding2d.parse(padding) : c.padding(), fullRes, flips);
        c = annealFn != null ? c.withAnnealFn(Annealing.Psi.parse(annealFn)) : c;
        c = c.withSeed(seedOrFresh());
        return new GangealingRun(c, ShippedModel.names(model) ? ShippedModel.NAME : model.toAbsolutePath().toString(),
                vgg16 == null ? null : vgg16.toAbsolutePath().toString(), samples);
    }

    @Override
    void printPlan(PrintWriter out, GangealingRun plan) {
        out.println(RunDir.toJson(plan));
    }

    @Override
    GangealingRun open(GangealingRun plan) {
        return plan;
    }

    @Override
    void announce(PrintWriter out, GangealingRun plan, RunDir run) {
        GangealingConfig c = plan.config();
        out.println("GANgealing " + c.stn().supersize() + "x" + c.stn().supersize() + ", preset " + c.preset() + ": "
                + c.iters() + " iterations of batch " + c.batch() + (c.accumulate() > 1 ? "x" + c.accumulate() : "")
                + ", K=" + c.heads() + (c.flips() ? " with flips" : "") + ", STN flow " + c.stn().flowSize()
                + ", ψ annealed over " + c.annealPsi() + ", seed " + c.seed() + "; run " + run.dir());
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    Path train(GangealingRun plan, RunDir run, Progress progress) {
        return GangealingTraining.train(plan, run, progress, GangealingTraining.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return GangealingTraining.resume(run, progress, GangealingTraining.LOOP, world);
    }

    @Override
    void follow(RunDir run) {
        GangealingTraining.follow(run, GangealingTraining.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        out.println("Model: " + dir.resolve(GangealingModel.CHECKPOINT) + "  (congeal with: gan4j gangealing congeal --model "
                + dir + " --images DIR --out congealed/)");
    }
}
