package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.orojar.DirectionTraversal;
import org.gan4j.orojar.Directions;
import org.gan4j.orojar.Discovery;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.LatentModel;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gan4j.torch.Tensors;

/** {@code gan4j orojar discover}: OroJaR-orthogonal latent directions learned in a frozen generator. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Learn K latent directions in a trained generator (StyleGAN2 in W, or the dSprites GAN in z) whose",
                "effects on the image are mutually orthogonal: OroJaR w.r.t. the directions' coefficients, Adam on the",
                "direction matrix, re-orthonormalised every step. Writes directions.npy (K x dim, unit rows, strongest",
                "first), eigenvalues.npy (here: each direction's mean ||J n||^2) and traversal.png, as gan4j sefa does."},
        footer = {"", "Examples:", "  gan4j orojar discover --model runs/stylegan2-faces --count 8 --out discovered/",
                "  gan4j orojar discover --model stylegan2.pt --layers 0-3 --iters 2000 --out coarse/",
                "  gan4j orojar discover --model runs/oj --count 6 --out oj-directions/"})
final class OrojarDiscover implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "CKPT|RUN",
            description = "A StyleGAN2 checkpoint or run, builtin:faces (the shipped generator), or an orojar run / latest_net_G.pth.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--count", defaultValue = "6", paramLabel = "K", description = "Directions to learn. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|A-B|I,J",
            description = "StyleGAN2 layers whose W+ rows the directions move. Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = "--iters", defaultValue = "1000", paramLabel = "N", description = "Adam steps. Default: ${DEFAULT-VALUE}.")
    long iters;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "B", description = "Latent codes per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR", description = "Adam's rate (official 0.01). Default: ${DEFAULT-VALUE}.")
    double lr;

    @Mixin
    DirectionOptions traversal = new DirectionOptions();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        model = org.gan4j.models.ShippedModel.FACES_STYLEGAN2.orFile(model); // builtin:faces, the shipped generator
        traversal.validate();
        engine.apply();
        PrintWriter pw = engine.out();
        long seed = seedOption.value();
        Discovery d = new Discovery(count, iters, batch, lr, 0.1, seed);
        List<BufferedImage> rows = new ArrayList<>();
        float[] values;
        long dim;
        long every = Math.max(1, iters / 10);
        java.util.function.LongConsumer progress = i -> {
            if (i % every == 0) {
                pw.println(String.format(Locale.ROOT, "discover: step %d/%d", i, iters));
                pw.flush();
            }
        };
        try (Scope s = new Scope()) {
            Directions found;
            if (SefaCommand.isStylegan2(model)) {
                try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(Stylegan2Options.checkpointFile(model))) {
                    Generator g = ck.gEma();
                    g.requiresGrad(false);
                    List<Integer> ls = SefaCommand.parseLayers(layers, g.nLatent());
                    found = d.run(LatentModel.of(g, ls), progress);
                    try (NoGrad ng = new NoGrad()) {
                        Seeds.seed(seed);
                        Tensor z = Tensors.randn(1, g.styleDim());
                        rows.addAll(DirectionTraversal.stylegan2(g, ck.truncationCenter(4096), z.get(0), traversal.truncation, ls,
                                found.directions(), traversal.range[0], traversal.range[1], traversal.steps));
                    }
                }
            } else {
                try (DspritesGenerator g = OrojarModel.load(model)) {
                    g.requiresGrad(false);
                    found = d.run(LatentModel.of(g), progress);
                    try (NoGrad ng = new NoGrad()) {
                        Seeds.seed(seed);
                        rows.addAll(DirectionTraversal.dcgan(g, Tensors.randn(1, g.nets().nz()).get(0), found.directions(),
                                traversal.range[0], traversal.range[1], traversal.steps));
                    }
                }
            }
            found.write(out, "eigenvalues.npy");
            values = found.values();
            dim = found.directions().size(1);
        }
        Images.writePng(out.resolve("traversal.png"), SampleGrid.tile(rows, 1, 2));
        DirectionOptions.report(pw, "mean ||J n||^2 per direction", values, dim, out, seed);
        return 0;
    }
}
