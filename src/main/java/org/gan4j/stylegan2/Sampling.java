package org.gan4j.stylegan2;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/** Rendering many codes in batches, each batch in its own scope, as images: generation, style-mixing grids and latent walks. */
public final class Sampling {

    /** Images per forward pass: bounded so that large generators fit in memory. */
    public static final int DEFAULT_BATCH = 4;

    private Sampling() {}

    /**
     * Renders {@code codes} row by row and hands each image to {@code sink} in order.
     *
     * @param codes  {@code [N,S]} codes in Z, or in W when {@code wSpace}
     * @param psi    truncation ψ (1 = none) toward {@code center} ({@code [S]})
     * @param noise  noise mode
     * @param batch  images per forward pass
     */
    public static void render(Generator g, Tensor codes, boolean wSpace, double psi, Tensor center, NoiseMode noise,
            int batch, Consumer<BufferedImage> sink) {
        render(codes, wSpace, psi, center, batch, sink, st -> g.forward(st, noise));
    }

    /**
     * As {@link #render(Generator, Tensor, boolean, double, Tensor, NoiseMode, int, Consumer)} with explicit
     * noise maps ({@code [1,1,r,r]} each, shared by every image), e.g. a projection's optimised noise.
     */
    public static void render(Generator g, Tensor codes, boolean wSpace, double psi, Tensor center, List<Tensor> noise,
            int batch, Consumer<BufferedImage> sink) {
        render(codes, wSpace, psi, center, batch, sink, st -> g.synthesize(g.latents(st), noise));
    }

    /** Batches of codes, truncated when psi < 1, through {@code generate}, handed over as images. */
    private static void render(Tensor codes, boolean wSpace, double psi, Tensor center, int batch,
            Consumer<BufferedImage> sink, java.util.function.Function<Styles, Tensor> generate) {
        long n = codes.size(0);
        for (long i = 0; i < n; i += batch) {
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor c = codes.narrow(0, i, Math.min(batch, n - i));
                Styles st = wSpace ? Styles.w(c) : Styles.z(c);
                ImageTensors.toImages(generate.apply(psi < 1 ? st.truncate(psi, center) : st)).forEach(sink);
            }
        }
    }

    /**
     * The style-mixing grid of the StyleGAN papers: a blank corner, the column sources along the top, the row
     * sources down the left, and in cell (r, c) the W+ code whose rows {@code [0, cutoff)} (coarse styles) come
     * from row source r and the rest from column source c.
     *
     * @param wRows {@code [R,S]} row sources in W (already truncated if wanted)
     * @param wCols {@code [C,S]} column sources in W
     * @return the (R+1)·(C+1) images in row-major order, the corner null
     */
    public static List<BufferedImage> mixingGrid(Generator g, Tensor wRows, Tensor wCols, int cutoff, NoiseMode noise,
            int batch) {
        int rows = (int) wRows.size(0);
        int cols = (int) wCols.size(0);
        List<BufferedImage> out = new ArrayList<>();
        out.add(null);
        render(g, wCols, true, 1, null, noise, batch, out::add);
        for (int r = 0; r < rows; r++) {
            List<BufferedImage> row = new ArrayList<>();
            render(g, wRows.narrow(0, r, 1), true, 1, null, noise, batch, row::add);
            for (int c = 0; c < cols; c += batch) {
                try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                    int k = Math.min(batch, cols - c);
                    Tensor a = wRows.narrow(0, r, 1).expand(k, wRows.size(1)); // [k,S]
                    Tensor b = wCols.narrow(0, c, k); // [k,S]
                    row.addAll(ImageTensors.toImages(g.forward(Styles.w(a, b).mix(cutoff), noise)));
                }
            }
            out.addAll(row);
        }
        return out;
    }

    /**
     * A looping walk through {@code anchors} in W: {@code frames} points spaced evenly along the closed
     * polyline anchor 0 → 1 → ... → K−1 → 0, linearly interpolated ({@code lerp} in W).
     *
     * @param anchors {@code [K,S]} points in W
     * @return {@code [frames,S]}
     */
    public static Tensor loopInW(Tensor anchors, int frames) {
        long k = anchors.size(0);
        List<Tensor> rows = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double pos = (double) f * k / frames; // position along the loop, in segments
            long i = (long) Math.floor(pos);
            double t = pos - i;
            Tensor a = anchors.select(0, i % k);
            Tensor b = anchors.select(0, (i + 1) % k);
            rows.add(torch.lerp(a, b, Tensors.s(t)));
        }
        return torch.stack(new org.bytedeco.pytorch.TensorVector(rows.toArray(new Tensor[0])));
    }
}
