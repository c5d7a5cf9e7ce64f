package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.AnimatedGif;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Sampling;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gan4j.torch.Tensors;

/** {@code gan4j stylegan2 interpolate}: a looping walk through random points in W, as an animated GIF. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Write a looping animated GIF that walks in W.",
                "It passes through a few random points (linear interpolation between their mapped, optionally truncated, codes)."},
        footer = {"", "Example:", "  gan4j stylegan2 interpolate --model ckpt.pt --frames 60 --points 4 --truncation 0.7 --out walk.gif"})
final class Stylegan2Interpolate implements Callable<Integer> {

    @Mixin
    Stylegan2Options opts = new Stylegan2Options();

    @Option(names = "--frames", defaultValue = "60", paramLabel = "N", description = "Frames of the loop. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--points", defaultValue = "4", paramLabel = "K", description = "Random points the walk passes through. Default: ${DEFAULT-VALUE}.")
    int points;

    @Option(names = "--delay", defaultValue = "50", paramLabel = "MS", description = "Milliseconds per frame. Default: ${DEFAULT-VALUE}.")
    int delay;

    @Option(names = "--out", required = true, paramLabel = "walk.gif", description = "Output GIF.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        opts.validate();
        if (frames < 2 || frames > 10_000 || points < 2 || points > 1000 || delay < 10) {
            throw new Gan4jException("need 2 to 10000 --frames, 2 to 1000 --points and --delay of at least 10 ms, got "
                    + frames + ", " + points + ", " + delay);
        }
        engine.apply();
        try (Stylegan2Checkpoint ck = opts.load()) {
            Generator g = ck.gEma();
            long seed = opts.applySeed();
            List<BufferedImage> images = new ArrayList<>();
            try (Scope s = new Scope()) {
                Tensor z = Tensors.randn(points, g.styleDim());
                Tensor center = opts.center(ck);
                Tensor path;
                try (NoGrad ng = new NoGrad()) {
                    path = Sampling.loopInW(opts.w(g, z, center), frames);
                }
                Sampling.render(g, path, true, 1, null, opts.noise(), Sampling.DEFAULT_BATCH, images::add);
            }
            AnimatedGif.write(out, images, 1000.0 / delay);
            engine.out().println("Wrote " + frames + " frames through " + points + " points (seed " + seed
                    + ", " + opts.truncationNote(ck) + ") to " + out);
            return 0;
        }
    }
}
