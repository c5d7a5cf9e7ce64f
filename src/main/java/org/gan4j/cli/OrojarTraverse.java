package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.Images;
import org.gan4j.orojar.DirectionTraversal;
import org.gan4j.orojar.Directions;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.Traversal;
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

/** {@code gan4j orojar traverse}: one row per latent dimension swept over a range, the others fixed. */
@Command(name = "traverse", mixinStandardHelpOptions = true,
        description = "Write a traversal grid: for each latent dimension (or each direction of --directions) a row of images"
                + " with it swept over --range from a random z (StyleGAN2: from its truncated w), one block of rows per sample.",
        footer = {"", "Examples:", "  gan4j orojar traverse --model runs/oj --out traversal.png",
                "  gan4j orojar traverse --model runs/stylegan2-faces --directions sefa/directions.npy --gif --out s.png",
                "  gan4j orojar traverse --model latest_net_G.pth --range -2 2 --steps 9 --samples 3 --gif --out t.png"})
final class OrojarTraverse implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|PTH|CKPT",
            description = "An orojar run or latest_net_G.pth, or (with --directions) a StyleGAN2 checkpoint or run or builtin:faces.")
    Path model;

    @Option(names = "--directions", paramLabel = "NPY", description = "Traverse these directions (directions.npy of"
            + " gan4j sefa or orojar discover) instead of the latent dimensions.")
    Path directions;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|A-B|I,J",
            description = "StyleGAN2: the W+ rows the directions move. Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = "--truncation", defaultValue = "0.7", paramLabel = "PSI",
            description = "StyleGAN2: truncation toward the average w. Default: ${DEFAULT-VALUE}.")
    double truncation;

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
        model = org.gan4j.models.ShippedModel.FACES_STYLEGAN2.orFile(model); // builtin:faces, the shipped generator
        if (steps < 2) {
            throw new Gan4jException("--steps must be at least 2, got " + steps);
        }
        engine.apply();
        PrintWriter pw = engine.out();
        List<BufferedImage> rows = new ArrayList<>();
        long seed = seedOption.value();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            if (SefaCommand.isStylegan2(model)) {
                if (directions == null) {
                    throw new Gan4jException(model + " is a StyleGAN2: give --directions FILE.npy (from gan4j sefa or"
                            + " gan4j orojar discover) to traverse");
                }
                try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(Stylegan2Options.checkpointFile(model))) {
                    Generator g = ck.gEma();
                    Tensor all = Directions.read(directions, g.styleDim());
                    List<Integer> ids = parseDims(dims, (int) all.size(0));
                    Tensor d = chosen(all);
                    List<Integer> wRows = SefaCommand.parseLayers(layers, g.nLatent());
                    Seeds.seed(seed);
                    Tensor z = Tensors.randn(samples, g.styleDim());
                    Tensor avg = ck.truncationCenter(4096);
                    for (int n = 0; n < samples; n++) {
                        addRows(rows, DirectionTraversal.stylegan2(g, avg, z.get(n), truncation, wRows, d, range[0], range[1],
                                steps), n, ids);
                    }
                }
            } else {
                try (DspritesGenerator g = OrojarModel.load(model)) {
                    int nz = g.nets().nz();
                    Seeds.seed(seed);
                    Tensor z = Tensors.randn(samples, nz);
                    Tensor all = directions != null ? Directions.read(directions, nz) : null;
                    List<Integer> ids = parseDims(dims, all != null ? (int) all.size(0) : nz);
                    Tensor d = all != null ? chosen(all) : null;
                    for (int n = 0; n < samples; n++) {
                        List<BufferedImage> r = new ArrayList<>();
                        if (d != null) {
                            r.addAll(DirectionTraversal.dcgan(g, z.get(n), d, range[0], range[1], steps));
                        } else {
                            for (int j : ids) {
                                r.add(Traversal.strip(g, z.get(n), j, range[0], range[1], steps));
                            }
                        }
                        addRows(rows, r, n, ids);
                    }
                }
            }
        }
        Images.writePng(out, SampleGrid.tile(rows, 1, 2));
        pw.println("Traversal grid: " + out + " (" + rows.size() + " rows of " + steps + ", range " + range[0] + " to "
                + range[1] + ", seed " + seed + ")");
        return 0;
    }

    /** The directions {@code --dims} picks (all by default). */
    private Tensor chosen(Tensor all) {
        List<Integer> which = parseDims(dims, (int) all.size(0));
        long[] idx = which.stream().mapToLong(Integer::longValue).toArray();
        return all.index_select(0, Tensors.longs(idx));
    }

    /** Appends sample n's rows, and with --gif one GIF per row. */
    private void addRows(List<BufferedImage> rows, List<BufferedImage> sampleRows, int n, List<Integer> ids) {
        for (int r = 0; r < sampleRows.size(); r++) {
            rows.add(sampleRows.get(r));
            if (gif) {
                Path f = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.png$", "") + "-z" + n
                        + (directions != null ? "-dir" : "-dim") + ids.get(r) + ".gif");
                AnimatedGif.write(f, frames(sampleRows.get(r), steps), 8);
            }
        }
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
