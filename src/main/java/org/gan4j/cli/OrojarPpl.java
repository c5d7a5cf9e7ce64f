package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.Ppl;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j orojar ppl}: perceptual path length in Z (end points, ε 1e-4). */
@Command(name = "ppl", mixinStandardHelpOptions = true,
        description = {"Perceptual path length (Karras et al. 2019) in Z at the end points, ε = 1e-4: how much the image",
                "changes per small latent step (lower = smoother). LPIPS-style VGG16 with --vgg16, else a pixel-space",
                "variant, labelled as such (its numbers are not comparable with LPIPS ones)."},
        footer = {"", "Examples:", "  gan4j orojar ppl --model runs/oj", "  gan4j orojar ppl --model runs/oj --vgg16 vgg16.pth --samples 100000"})
final class OrojarPpl implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|PTH", description = "An orojar run or latest_net_G.pth.")
    Path model;

    @Option(names = "--samples", defaultValue = "10000", paramLabel = "N", description = "Latent pairs. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--vgg16", paramLabel = "FILE", description = "torchvision VGG16 weights for the LPIPS-style distance.")
    Path vgg16;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        if (samples < 100) {
            throw new Gan4jException("--samples must be at least 100 (the 1st/99th percentile filter), got " + samples);
        }
        engine.apply();
        PrintWriter pw = engine.out();
        long seed = seedOption.value();
        ImageDistance lpips = vgg16 != null ? new PerceptualDistance(Vgg16Features.load(vgg16)) : null;
        Ppl.Result r;
        try (DspritesGenerator g = OrojarModel.load(model); Scope s = new Scope()) {
            Seeds.seed(seed);
            r = Ppl.measure(g::forward, g.nets().nz(), samples, 100, lpips);
        }
        pw.println(String.format(Locale.ROOT, "PPL (z, end, ε 1e-4; %s) = %.4g over %d of %d samples (seed %d)",
                r.distance(), r.mean(), r.kept(), samples, seed));
        return 0;
    }
}
