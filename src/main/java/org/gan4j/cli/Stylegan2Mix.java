package org.gan4j.cli;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Sampling;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gan4j.torch.Tensors;

/** {@code gan4j stylegan2 mix}: the style-mixing grid (row sources' coarse styles with column sources' fine ones). */
@Command(name = "mix", mixinStandardHelpOptions = true,
        description = {"Write a style-mixing grid.",
                "Column sources along the top, row sources down the left, and in each cell the W+ code whose first CUTOFF layers (coarse styles: pose, shape) come from the row",
                "source and the rest (fine styles: colour, texture) from the column source."},
        footer = {"", "Example:", "  gan4j stylegan2 mix --model ckpt.pt --rows 3 --cols 4 --cutoff 4 --seed 1 --out mixing.png"})
final class Stylegan2Mix implements Callable<Integer> {

    @Mixin
    Stylegan2Options opts = new Stylegan2Options();

    @Option(names = "--rows", defaultValue = "3", paramLabel = "R", description = "Row sources. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--cols", defaultValue = "4", paramLabel = "C", description = "Column sources. Default: ${DEFAULT-VALUE}.")
    int cols;

    @Option(names = "--cutoff", defaultValue = "4", paramLabel = "L",
            description = "W+ layers [0, L) from the row source, [L, n_latent) from the column source; valid: 1 to"
                    + " n_latent-1 (n_latent = 2·log2(size)-2). Default: ${DEFAULT-VALUE}.")
    int cutoff;

    @Option(names = "--out", required = true, paramLabel = "grid.png", description = "Output PNG.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        opts.validate();
        if (rows < 1 || cols < 1 || rows > 64 || cols > 64) {
            throw new Gan4jException("--rows and --cols must be between 1 and 64, got " + rows + " and " + cols);
        }
        engine.apply();
        try (Stylegan2Checkpoint ck = opts.load()) {
            Generator g = ck.gEma();
            int nl = g.nLatent();
            if (cutoff < 1 || cutoff > nl - 1) {
                throw new Gan4jException("--cutoff must be between 1 and " + (nl - 1) + " for this " + ck.config().size()
                        + " px model (it has " + nl + " style layers), got " + cutoff);
            }
            long seed = opts.applySeed();
            BufferedImage grid;
            try (Scope s = new Scope()) {
                Tensor zRows = Tensors.randn(rows, g.styleDim());
                Tensor zCols = Tensors.randn(cols, g.styleDim());
                Tensor center = opts.center(ck);
                Tensor wRows;
                Tensor wCols;
                try (NoGrad ng = new NoGrad()) {
                    wRows = opts.w(g, zRows, center);
                    wCols = opts.w(g, zCols, center);
                }
                List<BufferedImage> cells = new java.util.ArrayList<>(Sampling.mixingGrid(g, wRows, wCols, cutoff, opts.noise(),
                        Sampling.DEFAULT_BATCH));
                cells.set(0, blank(cells.get(1).getWidth(), cells.get(1).getHeight()));
                grid = SampleGrid.tile(cells, cols + 1, SampleGrid.DEFAULT_GAP);
            }
            Images.writePng(out, grid);
            engine.out().println("Wrote a " + rows + "x" + cols + " style-mixing grid (cutoff " + cutoff + " of "
                    + nl + " layers, seed " + seed + ", " + opts.truncationNote(ck) + ") to " + out);
            return 0;
        }
    }

    private static BufferedImage blank(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(SampleGrid.BACKGROUND);
        gr.fillRect(0, 0, w, h);
        gr.dispose();
        return img;
    }
}
