package org.gan4j.cli;

import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.models.ShippedModel;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Styles;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Option;

/** Options every {@code gan4j stylegan2} sampling verb shares: the checkpoint, truncation, noise and seed. */
final class Stylegan2Options {

    @Option(names = "--model", required = true, paramLabel = "CKPT",
            description = "A StyleGAN2 checkpoint in rosinality's layout (only g_ema is used; official files load too),"
                    + " a StyleGAN2-ADA .pkl (its G_ema), or a gan4j training run directory (its checkpoints/latest.pt).")
    Path model;

    @Option(names = "--truncation", defaultValue = "1", paramLabel = "PSI",
            description = "Truncation ψ in [0, 1] toward the checkpoint's latent_avg (else a mean of --truncation-mean"
                    + " mapped z); 1 = none. Default: ${DEFAULT-VALUE}.")
    double truncation;

    @Option(names = "--truncation-mean", defaultValue = "4096", paramLabel = "N",
            description = "Random z averaged for the truncation centre when the checkpoint has no latent_avg. Default: ${DEFAULT-VALUE}.")
    int truncationMean;

    @Option(names = "--noise-mode", defaultValue = "const", paramLabel = "MODE",
            description = "Per-layer noise: const (the stored buffers), random, or none (zeros). Default: ${DEFAULT-VALUE}.")
    String noiseMode;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, printed).")
    Long seed;

    /** Checks the values that need no model. */
    void validate() {
        if (!(truncation >= 0 && truncation <= 1)) {
            throw new Gan4jException("--truncation must be between 0 and 1, got " + truncation);
        }
        if (truncationMean < 1) {
            throw new Gan4jException("--truncation-mean must be at least 1, got " + truncationMean);
        }
        noise();
    }

    NoiseMode noise() {
        return NoiseMode.parse(noiseMode);
    }

    /** The seed to use (a fresh one when none was given), applied to libtorch's generator. */
    long applySeed() {
        long s = seed != null ? seed : Seeds.fresh();
        Seeds.seed(s);
        return s;
    }

    Stylegan2Checkpoint load() {
        return Stylegan2Checkpoint.loadForSampling(checkpointFile(model));
    }

    /** {@code model} itself, or a training run's {@code checkpoints/latest.pt} when it is a directory. */
    static Path checkpointFile(Path model) {
        if (ShippedModel.names(model)) {
            return ShippedModel.FACES_STYLEGAN2.file();
        }
        if (!java.nio.file.Files.isDirectory(model)) {
            return model;
        }
        Path latest = RunDir.latestCheckpoint(model);
        if (!java.nio.file.Files.isRegularFile(latest)) {
            throw new Gan4jException(model + " is a directory without checkpoints/latest.pt; give a checkpoint file or a"
                    + " gan4j stylegan2 run directory");
        }
        return latest;
    }

    /** The truncation centre {@code [S]} (kept alive), or null without truncation. */
    Tensor center(Stylegan2Checkpoint ck) {
        return truncation < 1 ? Scope.keepAlive(ck.truncationCenter(truncationMean)) : null;
    }

    /** w = mapping(z), truncated toward {@code center} when it is not null: [N,S] from z [N,S]. */
    Tensor w(Generator g, Tensor z, Tensor center) {
        Styles st = Styles.z(z);
        return g.latents(center == null ? st : st.truncate(truncation, center)).select(1, 0);
    }

    /** How the truncation was applied, for the summary line. */
    String truncationNote(Stylegan2Checkpoint ck) {
        if (truncation >= 1) {
            return "no truncation";
        }
        return "truncation " + truncation + " toward " + (ck.latentAvg() != null ? "latent_avg"
                : "the mean of " + truncationMean + " mapped z");
    }
}
