package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.orojar.DirectionTraversal;
import org.gan4j.orojar.Directions;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.Sefa;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gan4j.torch.Tensors;

/** {@code gan4j sefa}: SeFa's closed-form latent directions of a StyleGAN2 or a dSprites GAN, with a traversal grid. */
@Command(name = "sefa", mixinStandardHelpOptions = true,
        description = {"SeFa (Shen & Zhou, CVPR 2021): the latent directions a generator's first layers move most, in closed",
                "form (eigenvectors of AᵀA of the style-modulation weights; no training). Writes directions.npy (K x dim,",
                "unit rows, strongest first), eigenvalues.npy and traversal.png (one row per direction)."},
        footer = {"", "Examples:", "  gan4j sefa --model runs/stylegan2-faces --count 5 --out sefa/",
                "  gan4j sefa --model stylegan2-ffhq-config-f.pt --layers 0-3 --range -3 3 --steps 7 --out sefa-coarse/",
                "  gan4j sefa --model runs/oj --out sefa-dsprites/          (the dSprites GAN's first layer)"})
final class SefaCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "CKPT|RUN",
            description = "A StyleGAN2 checkpoint or run (only g_ema is used), builtin:faces (the shipped generator), or an orojar run / latest_net_G.pth.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|A-B|I,J",
            description = "StyleGAN2 style-conv layers to factorise (0 = the 4x4 conv). Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = "--to-rgb", description = "Also factorise the to_rgb modulations (excluded by default, as the official).")
    boolean toRgb;

    @Option(names = "--count", defaultValue = "5", paramLabel = "K", description = "Directions to keep. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "N", description = "Random samples to traverse from. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Mixin
    DirectionOptions traversal = new DirectionOptions();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        model = org.gan4j.models.ShippedModel.FACES_STYLEGAN2.orFile(model); // builtin:faces, the shipped generator
        if (count < 1 || samples < 1) {
            throw new Gan4jException("--count and --samples must be at least 1");
        }
        traversal.validate();
        engine.apply();
        PrintWriter pw = engine.out();
        long seed = seedOption.value();
        List<BufferedImage> rows = new ArrayList<>();
        Directions d;
        long dim;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            if (isStylegan2(model)) {
                try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(Stylegan2Options.checkpointFile(model))) {
                    Generator g = ck.gEma();
                    List<Integer> ls = parseLayers(layers, 1 + g.convs.size());
                    d = keep(Sefa.stylegan2(g, ls, toRgb), count);
                    Tensor avg = ck.truncationCenter(4096);
                    Seeds.seed(seed);
                    Tensor z = Tensors.randn(samples, g.styleDim());
                    for (int n = 0; n < samples; n++) {
                        rows.addAll(DirectionTraversal.stylegan2(g, avg, z.get(n), traversal.truncation,
                                DirectionTraversal.wRows(g, ls, toRgb), d.directions(), traversal.range[0], traversal.range[1], traversal.steps));
                    }
                    pw.println("SeFa on StyleGAN2 " + ck.config().size() + " px, style layers " + ls + (toRgb ? " + to_rgb" : ""));
                }
            } else {
                try (DspritesGenerator g = OrojarModel.load(model)) {
                    d = keep(Sefa.dcgan(g), count);
                    Seeds.seed(seed);
                    Tensor z = Tensors.randn(samples, g.nets().nz());
                    for (int n = 0; n < samples; n++) {
                        rows.addAll(DirectionTraversal.dcgan(g, z.get(n), d.directions(), traversal.range[0], traversal.range[1], traversal.steps));
                    }
                    pw.println("SeFa on the dSprites GAN's first layer (nz " + g.nets().nz() + ")");
                }
            }
            d.write(out, "eigenvalues.npy");
            dim = d.directions().size(1);
        }
        Images.writePng(out.resolve("traversal.png"), SampleGrid.tile(rows, 1, 2));
        DirectionOptions.report(pw, "eigenvalues", d.values(), dim, out, seed);
        return 0;
    }

    /** The first k directions (all when there are fewer). */
    static Directions keep(Directions d, int k) {
        int n = Math.min(k, d.count());
        return new Directions(d.directions().narrow(0, 0, n).contiguous(), java.util.Arrays.copyOf(d.values(), n));
    }

    /** Whether {@code model} is a StyleGAN2 checkpoint (g_ema or a bare generator) rather than a dSprites GAN. */
    static boolean isStylegan2(Path model) {
        if (Files.isDirectory(model)) {
            return !Files.isRegularFile(model.resolve(OrojarModel.GENERATOR)) && !isOrojarRun(model);
        }
        if (!Files.isRegularFile(model)) {
            throw new Gan4jException(model + ": no such file");
        }
        Object o = PtFile.load(model);
        return o instanceof java.util.Map<?, ?> m && (m.containsKey("g_ema") || m.containsKey("input.input"));
    }

    private static boolean isOrojarRun(Path dir) {
        try {
            return Files.readString(dir.resolve("run.json")).contains("\"orojar\"");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code all}, {@code A-B} or {@code I,J,...} over layers 0 … n−1. */
    static List<Integer> parseLayers(String spec, int n) {
        List<Integer> out = new ArrayList<>();
        try {
            if (spec.equals("all")) {
                for (int i = 0; i < n; i++) {
                    out.add(i);
                }
            } else if (spec.matches("\\d+-\\d+")) {
                String[] p = spec.split("-");
                for (int i = Integer.parseInt(p[0]); i <= Integer.parseInt(p[1]); i++) {
                    out.add(i);
                }
            } else {
                for (String p : spec.split(",")) {
                    out.add(Integer.parseInt(p.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new Gan4jException("--layers must be all, A-B or I,J,...; got '" + spec + "'");
        }
        for (int l : out) {
            if (l < 0 || l >= n) {
                throw new Gan4jException("--layers " + l + " outside the generator's style layers 0–" + (n - 1));
            }
        }
        if (out.isEmpty()) {
            throw new Gan4jException("--layers '" + spec + "' names no layer");
        }
        return out;
    }
}
