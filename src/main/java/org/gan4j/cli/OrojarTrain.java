package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gan4j.Gan4jException;
import org.gan4j.data.Dsprites;
import org.gan4j.loss.Reduction;
import org.gan4j.orojar.DspritesNets;
import org.gan4j.orojar.OrojarConfig;
import org.gan4j.orojar.OrojarMethod;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.OrojarRun;
import org.gan4j.orojar.OrojarTraining;
import org.gan4j.loss.Regulariser;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j orojar train}: the paper's dSprites GAN with OroJaR, the Hessian Penalty or no regulariser. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the OroJaR paper's 64x64 GAN (DCGAN-like generator, WGAN-GP critic) with a disentanglement",
                "regulariser on the generator's block outputs: OroJaR (orthogonal Jacobian columns), the Hessian Penalty,",
                "or none. The run gets config.json, samples/ (one traversal row per latent dimension), metrics.csv,",
                "loss.png, checkpoints/latest.pt and, at the end, latest_net_G.pth (the official generator file)."},
        footer = {"", "Examples:",
                "  gan4j orojar train --reg orojar --out runs/oj            builtin:dsprites, fast preset",
                "  gan4j orojar train --reg hessian --seed 2 --out runs/hp",
                "  gan4j orojar train --data dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz --preset paper --reg orojar",
                "  gan4j orojar train --reg orojar --nproc 2 --out runs/oj2   data-parallel, 2 local processes",
                "  gan4j orojar train --resume runs/oj                      continue a killed run"})
final class OrojarTrain extends TrainCommand<OrojarRun, Path> {

    @Option(names = "--data", defaultValue = Dsprites.NAME, paramLabel = "SET",
            description = "builtin:dsprites or the original dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--reg", defaultValue = "orojar", paramLabel = "R",
            description = "orojar, hessian or none. Default: ${DEFAULT-VALUE}.")
    String reg;

    @Option(names = "--lambda", paramLabel = "L", description = "The regulariser's weight (default: the official scripts'"
            + " 1e-11 for OroJaR, 1e-3 for the Hessian Penalty, scaled for the fast preset's widths).")
    Double lambda;

    @Option(names = "--warmup", paramLabel = "N", description = "Iterations over which λ rises linearly from 0 (default 0).")
    Long warmup;

    @Option(names = "--k", paramLabel = "K", description = "Rademacher vectors per step (default 2).")
    Integer k;

    @Option(names = "--epsilon", paramLabel = "E", description = "Finite-difference step (default 0.1).")
    Double epsilon;

    @Option(names = "--reduction", paramLabel = "R", description = "max (default) or mean.")
    String reduction;

    @Option(names = "--layers", paramLabel = "I,J,..", split = ",", description = "Generator blocks whose conv outputs"
            + " are regularised (default 0,1,2,3).")
    List<Integer> layers;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME", description = "fast (width 16, batch 32,"
            + " 6,000 iterations) or paper (width 64, batch 128, the official 1,200 epochs). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations (overrides the preset; the last third decays).")
    Long iters;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (overrides the preset).")
    Integer batch;

    @Option(names = "--nz", paramLabel = "N", description = "Latent dimensions (default 6).")
    Integer nz;

    @Option(names = "--width", paramLabel = "W", description = "Network width w (paper 64, fast 16).")
    Integer width;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    @Override
    String method() {
        return OrojarMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--reg", "--lambda", "--iters", "--batch", "--layers");
    }

    @Override
    boolean newRunFlagGiven() {
        return lambda != null || iters != null || batch != null || layers != null;
    }

    @Override
    String missingInput() {
        return null;
    }

    @Override
    OrojarRun plan() {
        Regulariser r = Regulariser.parse(reg);
        OrojarConfig c = switch (preset.toLowerCase(Locale.ROOT)) {
            case "fast" -> OrojarConfig.fast(r);
            case "paper" -> OrojarConfig.paper(r);
            default -> throw new Gan4jException("--preset must be fast or paper, got '" + preset + "'");
        };
        if (nz != null || width != null) {
            DspritesNets n = c.nets();
            c = c.withNets(new DspritesNets(nz != null ? nz : n.nz(), n.channels(), width != null ? width : n.width()));
        }
        c = iters != null ? c.withSchedule(iters, iters / 3) : c;
        c = batch != null ? c.withBatch(batch) : c;
        c = lambda != null ? c.withLambda(lambda) : c;
        c = warmup != null ? c.withWarmup(warmup) : c;
        Reduction red = reduction == null ? c.reduction() : switch (reduction.toLowerCase(Locale.ROOT)) {
            case "max" -> Reduction.MAX;
            case "mean" -> Reduction.MEAN;
            default -> throw new Gan4jException("--reduction must be max or mean, got '" + reduction + "'");
        };
        c = new OrojarConfig(c.nets(), data, c.regulariser(), c.lambda(), c.warmup(), k != null ? k : c.k(),
                epsilon != null ? epsilon : c.epsilon(), red, layers != null ? layers : c.layers(), c.batch(), c.iters(),
                c.decayIters(), c.lr(), c.beta1(), c.beta2(), c.gamma(), seedOrFresh());
        if (!c.data().equals(Dsprites.NAME)) {
            Dsprites.open(c.data()); // a bad file fails before a run directory exists
        }
        return new OrojarRun(c);
    }

    @Override
    void printPlan(PrintWriter out, OrojarRun plan) {
        out.println(RunDir.toJson(plan));
    }

    @Override
    OrojarRun open(OrojarRun plan) {
        return plan;
    }

    @Override
    void announce(PrintWriter out, OrojarRun plan, RunDir run) {
        OrojarConfig c = plan.config();
        out.println("dSprites GAN (nz " + c.nets().nz() + ", width " + c.nets().width() + ") + "
                + c.regulariser().cliName() + (c.regulariser() == Regulariser.NONE ? "" : " λ " + c.lambda()
                + " on blocks " + c.layers()) + ": " + c.iters() + " iterations of batch " + c.batch() + " on " + c.data()
                + ", seed " + c.seed() + "; run " + run.dir());
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    Path train(OrojarRun plan, RunDir run, Progress progress) {
        return OrojarTraining.train(plan, null, run, progress, OrojarTraining.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return OrojarTraining.resume(run, progress, OrojarTraining.LOOP, world);
    }

    @Override
    void follow(RunDir run) {
        OrojarTraining.follow(null, run, OrojarTraining.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        out.println("Generator: " + dir.resolve(OrojarModel.GENERATOR) + "  (traverse with: gan4j orojar traverse --model "
                + dir + " --out traversal.png)");
    }
}
