package org.gan4j.stylegan2;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.ImageDataset;
import org.gan4j.metrics.Fid;
import org.gan4j.metrics.Kid;
import org.gan4j.metrics.SlicedWasserstein;
import org.gan4j.nn.FidInception;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Progress;
import org.gan4j.torch.Tensors;

/**
 * How close a generator's samples are to its training set: patch SWD over a Laplacian pyramid (no pretrained
 * network needed) and, with the user's Inception weights, FID and KID. Samples are rendered to 8-bit images first,
 * as a user sees them. The real-versus-real score of two disjoint real sets of the same size is the floor every
 * number is read against.
 */
public final class Stylegan2Evaluation {

    /** At most this many patches per set per pyramid level, and random-direction repeats (512 directions each). */
    static final int PATCHES = 16_384;
    /** Patches per image below the cap (ProGAN's SWD draws 128 per image). */
    static final int PATCHES_PER_IMAGE = 128;
    static final int REPEATS = 4;

    /**
     * @param samples    generated images, and real images compared (each of the two real sets)
     * @param truncation ψ (1 = none)
     * @param noise      the generator's noise mode
     * @param seed       seeds the latents, the real subsets and the metrics' randomness
     */
    public record Settings(int samples, double truncation, NoiseMode noise, long seed) {
        public Settings {
            if (samples < 2) {
                throw new Gan4jException("--samples must be at least 2, got " + samples);
            }
        }
    }

    /** A pair of distances: the generator's and the floor (real against real). */
    public record Score(double model, double floor) {}

    /**
     * @param swd   mean patch SWD ×1000 over the levels (and per level, finest first) of samples vs reals
     * @param swdFloor the same for the two real sets
     * @param fid   FID, or null without Inception weights
     * @param kid   KID (×1000 as reported by stylegan2-ada), or null
     */
    public record Report(int samples, int reals, SlicedWasserstein.Result swd, SlicedWasserstein.Result swdFloor,
            Score fid, Score kid) {}

    private Stylegan2Evaluation() {}

    public static Report evaluate(Stylegan2Checkpoint ck, ImageDataset data, Settings s, FidInception inception,
            Progress progress) {
        int size = ck.config().size();
        if (data.resolution() != size) {
            throw new Gan4jException("the data is " + data.resolution() + " px but the model " + size + " px");
        }
        int wanted = s.samples();
        int n = Math.min(wanted, data.size() / 2);
        if (n < 2) {
            throw new Gan4jException(data.describe() + ": at least 4 real images are needed (two real sets)");
        }
        Seeds.seed(s.seed());
        List<BufferedImage> fakes = new ArrayList<>(n);
        List<BufferedImage> realA = new ArrayList<>(n);
        List<BufferedImage> realB = new ArrayList<>(n);
        long batches = (n + 7) / 8;
        progress.beginStage("render " + n + " samples and read " + 2 * n + " real images", batches, 0);
        try (Scope scope = new Scope()) {
            List<Integer> idx = new ArrayList<>(java.util.stream.IntStream.range(0, data.size()).boxed().toList());
            java.util.Collections.shuffle(idx, org.gan4j.torch.Rng.javaRandom(s.seed(), 0, 0));
            Tensor z = Tensors.randn(n, ck.config().styleDim());
            Tensor center = s.truncation() < 1 ? ck.truncationCenter(4096) : null;
            int[] done = {0};
            Sampling.render(ck.gEma(), z, false, s.truncation(), center, s.noise(), 8, img -> {
                fakes.add(img);
                realA.add(data.image(idx.get(done[0])));
                realB.add(data.image(idx.get(n + done[0])));
                done[0]++;
                if (done[0] % 8 == 0) {
                    progress.update(done[0] / 8, Map.of());
                }
            });
        }
        progress.endStage();
        try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor f = ImageTensors.fromImages(fakes);
            Tensor a = ImageTensors.fromImages(realA);
            Tensor b = ImageTensors.fromImages(realB);
            int levels = SlicedWasserstein.levelsFor(size, size);
            int patches = Math.min(PATCHES, PATCHES_PER_IMAGE * n);
            SlicedWasserstein.Result swd = SlicedWasserstein.patchSwd(f, a, levels, patches, REPEATS, s.seed());
            SlicedWasserstein.Result floor = SlicedWasserstein.patchSwd(b, a, levels, patches, REPEATS, s.seed());
            Score fid = null;
            Score kid = null;
            if (inception != null) {
                progress.beginStage("Inception features of " + 3 * n + " images", 3, 0);
                Tensor ff = features(inception, f);
                progress.update(1, Map.of());
                Tensor fa = features(inception, a);
                progress.update(2, Map.of());
                Tensor fb = features(inception, b);
                progress.update(3, Map.of());
                progress.endStage();
                fid = new Score(Fid.distance(ff, fa), Fid.distance(fb, fa));
                kid = new Score(1e3 * Kid.distance(ff, fa, s.seed()), 1e3 * Kid.distance(fb, fa, s.seed()));
            }
            return new Report(n, n, swd, floor, fid, kid);
        }
    }

    /** Pool3 features of images in [−1, 1], 16 at a time. */
    private static Tensor features(FidInception inception, Tensor images) {
        try (Fid.Features all = new Fid.Features()) {
            for (long i = 0; i < images.size(0); i += 16) {
                try (Scope s = new Scope()) {
                    all.add(inception.features(Fid.unit(images.narrow(0, i, Math.min(16, images.size(0) - i)))));
                }
            }
            return all.all(); // in the caller's scope
        }
    }
}
