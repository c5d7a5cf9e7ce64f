package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.Images;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.Traversal;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j orojar traverse}: one row per latent dimension swept over a range, the others fixed. */
@Command(name = "traverse", mixinStandardHelpOptions = true,
        description = "Write a traversal grid: for each latent dimension a row of images with that dimension swept over"
                + " --range and the others fixed at a random z (one block of rows per sample).",
        footer = {"", "Examples:", "  gan4j orojar traverse --model runs/oj --out traversal.png",
                "  gan4j orojar traverse --model latest_net_G.pth --range -2 2 --steps 9 --samples 3 --gif --out t.png"})
final class OrojarTraverse implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|PTH", description = "An orojar run or latest_net_G.pth.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The grid to write.")
    Path out;

    @Option(names = "--range", arity = "2", paramLabel = "LO HI", description = "Sweep range (default -2 2).")
    double[] range = {-2, 2};

    @Option(names = "--steps", defaultValue = "9", paramLabel = "N", description = "Images per row. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--dims", defaultValue = "all", paramLabel = "all|I,J,..", description = "Latent dimensions. Default: ${DEFAULT-VALUE}.")
    String dims;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "N", description = "Random z to traverse from. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--gif", description = "Also write one animated GIF per row (next to --out).")
    boolean gif;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        if (steps < 2) {
            throw new Gan4jException("--steps must be at least 2, got " + steps);
        }
        engine.apply();
        PrintWriter pw = engine.out();
        List<BufferedImage> rows = new ArrayList<>();
        long seed = seedOption.value();
        try (DspritesGenerator g = OrojarModel.load(model); Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int nz = g.nets().nz();
            List<Integer> which = parseDims(dims, nz);
            Seeds.seed(seed);
            Tensor z = torch.randn(samples, nz);
            for (int n = 0; n < samples; n++) {
                for (int j : which) {
                    BufferedImage row = Traversal.strip(g, z.get(n), j, range[0], range[1], steps);
                    rows.add(row);
                    if (gif) {
                        Path f = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.png$", "")
                                + "-z" + n + "-dim" + j + ".gif");
                        AnimatedGif.write(f, frames(row, steps), 8);
                    }
                }
            }
        }
        Images.writePng(out, SampleGrid.tile(rows, 1, 2));
        pw.println("Traversal grid: " + out + " (" + rows.size() + " rows of " + steps + ", range " + range[0] + " to "
                + range[1] + ", seed " + seed + ")");
        return 0;
    }

    static List<Integer> parseDims(String spec, int nz) {
        List<Integer> out = new ArrayList<>();
        if (spec.equals("all")) {
            for (int j = 0; j < nz; j++) {
                out.add(j);
            }
            return out;
        }
        for (String p : spec.split(",")) {
            int j;
            try {
                j = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new Gan4jException("--dims must be 'all' or indices like 0,2,5; got '" + spec + "'");
            }
            if (j < 0 || j >= nz) {
                throw new Gan4jException("--dims " + j + " outside the generator's " + nz + " latent dimensions");
            }
            out.add(j);
        }
        return out;
    }

    /** Cuts a strip back into its frames, forth and back for a smooth loop. */
    static List<BufferedImage> frames(BufferedImage strip, int steps) {
        int w = strip.getWidth() / steps;
        List<BufferedImage> f = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            f.add(strip.getSubimage(t * w, 0, w, strip.getHeight()));
        }
        for (int t = steps - 2; t > 0; t--) {
            f.add(f.get(t));
        }
        return f;
    }
}
