package org.gan4j.singan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.train.Trainer;

/**
 * Paint-to-image (paper §4, official paint2image.py): a clip-art painting is injected at scale n (see
 * {@link Injection}) and SinGAN adds the training image's textures from there. With colour quantisation the
 * real image at scale n is clustered into 5 colours by k-means, the painting is mapped onto those colours, and
 * scale n is trained anew with the same quantisation applied to its input from the scales below
 * (official train_paint), so it learns to turn flat colour regions into texture.
 */
public final class PaintToImage {

    /** k of the colour quantisation (official: KMeans(n_clusters=5)). */
    public static final int COLORS = 5;
    /** k-means seedings tried (scikit-learn's default in 2019, when the official code was written). */
    static final int N_INIT = 10;

    /**
     * The colour quantisation of a painting at scale n.
     *
     * @param centers    the 5 colours of the real image at scale n, in [-1,1]
     * @param realQuant  the real image at scale n in those colours, [1,3,H_n,W_n]
     * @param paintQuant the painting in those colours at the training image's size, [1,3,H_N,W_N]
     * @param inS        the input of scale n: paintQuant downsampled by r^(N-n), [1,3,H_n,W_n]
     */
    public record Quantization(double[][] centers, Tensor realQuant, Tensor paintQuant, Tensor inS) {}

    private PaintToImage() {}

    /** Paint-to-image without quantisation: the painting injected at n, fresh noise from n up. */
    public static Tensor paint(SinGANModel m, Tensor paint, int n) {
        Tensor out;
        try (Scope s = new Scope()) {
            out = Scope.keepAlive(Injection.generate(m, Injection.at(m, paint, n), n));
        }
        return Scope.adopt(out);
    }

    /** Generates from an input of scale n (e.g. {@link Quantization#inS()}) with fresh noise from n up. */
    public static Tensor generate(SinGANModel m, Tensor inS, int n) {
        return Injection.generate(m, inS, n);
    }

    /**
     * Quantises the real image at scale n to {@link #COLORS} colours with k-means and maps the painting onto
     * them (official quant and quant2centers).
     *
     * @param paint [1,3,H_N,W_N] in [-1,1], the training image's size (see {@link Injection#fit})
     * @param seed  seed of the k-means++ seeding (official: random_state=0)
     */
    public static Quantization quantize(SinGANModel m, Tensor paint, int n, long seed) {
        m.checkScale(n, 1, "the paint scale");
        Scale at = m.scale(n);
        Tensor real = at.real();
        // DEVIATION: the official quant reshapes the [1,3,H,W] tensor to (-1, 3) rows, which groups three
        // horizontally adjacent values of one channel rather than the R, G, B of a pixel; the paper clusters
        // colours, and so does this: one 3-D point per pixel.
        KMeans.Fit fit = KMeans.fit(pixels(real), COLORS, seed, N_INIT);
        Tensor realQuant;
        Tensor paintQuant;
        Tensor inS;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            realQuant = Scope.keepAlive(fromPixels(fit.quantized(), real.size(2), real.size(3)));
            Tensor pq = toCenters(paint, fit.centers());
            paintQuant = Scope.keepAlive(pq);
            Tensor x = Imresize.imresize(pq, Math.pow(m.scaleFactor(), m.finest() - n));
            x = Noise.crop(x, at.height(), at.width());
            if (x.size(2) != at.height() || x.size(3) != at.width()) {
                throw new IllegalStateException("the quantised painting came out " + x.size(3) + "x" + x.size(2)
                        + " at scale " + n + ", which is " + at.width() + "x" + at.height());
            }
            inS = Scope.keepAlive(x.contiguous());
        }
        return new Quantization(fit.centers(), Scope.adopt(realQuant), Scope.adopt(paintQuant), Scope.adopt(inS));
    }

    /**
     * The official quant2centers, per pixel: k-means on the image's colours started from {@code centers}, and
     * every pixel given the original centre of its cluster. The image keeps its shape.
     *
     * @param x [1,3,H,W]
     */
    public static Tensor toCenters(Tensor x, double[][] centers) {
        KMeans.Fit fit = KMeans.refit(pixels(x), centers);
        float[] q = new float[fit.labels().length * 3];
        for (int i = 0; i < fit.labels().length; i++) {
            for (int d = 0; d < 3; d++) {
                q[3 * i + d] = (float) centers[fit.labels()[i]][d];
            }
        }
        return fromPixels(q, x.size(2), x.size(3));
    }

    /**
     * Trains scale n anew with the quantisation applied to its input from the scales below, on both the random
     * and the reconstruction path, starting from fresh networks (official train_paint), and returns the model
     * with scale n replaced. Training goes into {@code run} (config.json, metrics.csv, loss.png, checkpoints).
     *
     * @param c the training configuration (the model's, with the iterations and seed wanted)
     */
    public static SinGANModel fineTune(SinGANModel m, int n, double[][] centers, SinGANConfig c, RunDir run,
            Progress progress) {
        m.checkScale(n, 1, "the paint scale");
        SinGANModel below = new SinGANModel(c, m.scaleFactor());
        int[] hs = new int[n + 1];
        int[] ws = new int[n + 1];
        List<Tensor> reals = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            if (k < n) {
                below.add(m.scale(k));
            }
            hs[k] = m.scale(k).height();
            ws[k] = m.scale(k).width();
            reals.add(m.scale(k).real());
        }
        Scale finest = m.scale(m.finest());
        Pyramid p = new Pyramid(finest.height(), finest.width(), 1.0, m.scaleFactor(), n, hs, ws);
        double[][] fixed = Arrays.stream(centers).map(double[]::clone).toArray(double[][]::new);
        run.writeConfig(c);
        try (SinGANTrainer t = new SinGANTrainer(c, p, reals, below, null, null)) {
            t.withCoarseInput(x -> toCenters(x, fixed)).withFreshNetworks();
            new TrainLoop(run, LoopOptions.defaults(), progress).run(new OneScale(t, n, m.finest()));
            SinGANModel out = new SinGANModel(m.config(), m.scaleFactor());
            for (int k = 0; k <= m.finest(); k++) {
                out.add(k == n ? t.model().scale(n) : m.scale(k));
            }
            return out;
        }
    }

    /** The trainer's scale n as the only stage of a run. */
    private record OneScale(SinGANTrainer t, int n, int finest) implements Trainer {
        @Override
        public int stages() {
            return 1;
        }

        @Override
        public long iterations(int stage) {
            return t.iterations(n);
        }

        @Override
        public String stageLabel(int stage) {
            return "paint fine-tuning, " + t.stageLabel(n).replace("/" + n + " ", "/" + finest + " ");
        }

        @Override
        public void beginStage(int stage, long startIter) {
            t.beginStage(n, startIter);
        }

        @Override
        public Map<String, Double> step(int stage, long iter) {
            return t.step(n, iter);
        }

        @Override
        public void endStage(int stage) {
            t.endStage(n);
        }

        @Override
        public void save(Path file, int stage, long nextIter) throws IOException {
            t.save(file, n, nextIter);
        }

        @Override
        public List<BufferedImage> samples(int stage, long iter) {
            return t.samples(n, iter);
        }

        @Override
        public int intraThreads() {
            return t.intraThreads();
        }
    }

    /** [1,3,H,W] → one RGB point per pixel, N x 3 row-major. */
    static float[] pixels(Tensor x) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return Tensors.floats(x.permute(0, 2, 3, 1).contiguous());
        }
    }

    /** N x 3 row-major points → [1,3,h,w]. */
    static Tensor fromPixels(float[] q, long h, long w) {
        Tensor t;
        try (Scope s = new Scope()) {
            t = Scope.keepAlive(Tensors.of(q, 1, h, w, 3).permute(0, 3, 1, 2).contiguous());
        }
        return Scope.adopt(t);
    }
}
