package org.gan4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.stylegan2.AdaPickle;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 export}: g_ema (+ d, latent_avg, args) of a run, without g and the optimiser states. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained StyleGAN2 for use, not for resuming: g_ema, latent_avg and args, and the",
                "discriminator d unless --no-d (GANgealing's default loss uses it); g and the optimiser states are",
                "dropped (about 3.5x smaller). rosinality's scripts and every gan4j command read the file."},
        footer = {"", "Examples:", "  gan4j stylegan2 export --model runs/faces64 --out faces64-stylegan2.pt",
                "  gan4j stylegan2 export --model ffhq.pkl --out ffhq.pt        (StyleGAN2-ADA: g_ema and latent_avg)"})
final class Stylegan2Export implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A gan4j run, a checkpoint or a StyleGAN2-ADA .pkl (its G_ema).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.pt", description = "The file to write.")
    Path out;

    @Option(names = "--no-d", description = "Leave the discriminator out too.")
    boolean noD;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        Path file = Stylegan2Options.checkpointFile(model);
        engine.apply();
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(file)) {
            // A StyleGAN2-ADA pickle's D is not read (its G_ema only), so there is no d to ask for.
            boolean pickle = AdaPickle.looksLike(file);
            if (ck.d() == null && !noD && !pickle) {
                throw new Gan4jException(file + " has no discriminator d to keep; add --no-d");
            }
            Stylegan2Checkpoint slim = new Stylegan2Checkpoint(ck.config(), null, noD || pickle ? null : ck.d(), ck.gEma(),
                    ck.latentAvg(), null, null, Map.of());
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            slim.save(out);
            pw.printf("Wrote %s (%.1f MB: g_ema%s%s, args) from %s%n", out, Files.size(out) / 1e6, slim.d() == null ? "" : ", d",
                    ck.latentAvg() != null ? ", latent_avg" : "", file);
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + out + ": " + Engine.firstLine(e), Gan4jException.FAILED, e);
        }
        return 0;
    }
}
