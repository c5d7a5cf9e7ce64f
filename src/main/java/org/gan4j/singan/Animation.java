package org.gan4j.singan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Animation from a single image (paper §4, official generate_gif): at every scale from the start scale on, the
 * noise follows a random walk with momentum that is pulled back to the reconstruction noise z_opt,
 * <pre>
 *   z_1 = 0.95·z_opt + 0.05·ε,   z_0 = z_opt
 *   z_{t+1} = α·z_opt + (1-α)·(z_t + β·(z_t - z_{t-1}) + (1-β)·ε_t),   ε ~ N(0, I)
 * </pre>
 * so that frames stay close to the image (α) and move smoothly (β); below the start scale z_opt is used. The
 * walk's noise fills the whole padded map, as in the official code: a model trained with
 * {@code --mode animation} (noise padding) was trained for exactly that.
 */
public final class Animation {

    /** Frames generated per generator call. */
    static final int CHUNK = 8;

    /**
     * The walk.
     *
     * @param frames     number of frames (official: 100)
     * @param alpha      pull to z_opt (official: 0.1)
     * @param beta       momentum (official: 0.8 to 0.95; 0.9 by default)
     * @param startScale scales below use z_opt (official: 0 to 2; 2 by default)
     */
    public record Walk(int frames, double alpha, double beta, int startScale) {
        public Walk {
            if (frames < 1) {
                throw new IllegalArgumentException("an animation needs at least 1 frame, got " + frames);
            }
            if (!(alpha >= 0 && alpha <= 1) || !(beta >= 0 && beta <= 1)) {
                throw new IllegalArgumentException("alpha and beta must be in [0, 1], got " + alpha + " and " + beta);
            }
        }
    }

    private Animation() {}

    /**
     * The frames of one walk, [F,3,H,W] at the finest scale's size. Repeatable for a seed; frames are generated
     * in batches, on two lanes when the thread budget allows (BatchNorm uses its running statistics, so batching
     * does not change them).
     */
    public static Tensor frames(SinGANModel m, Walk walk, long seed) {
        m.checkScale(walk.startScale(), 0, "the animation start scale");
        Rng rng = Rng.seeded(seed);
        int p = m.config().pad();
        Tensor prev = null; // [F,3,H_k,W_k]
        try (Lanes lanes = Lanes.forThreads(Engine.threads()); NoGrad ng = new NoGrad()) {
            torch.set_num_threads(lanes.intraThreads());
            for (int k = 0; k <= m.finest(); k++) {
                try (Scope s = new Scope()) { // only each scale's frames outlive it
                    Scale sc = m.scale(k);
                    Tensor z = walk(sc.zOpt(), walk, k == 0, k < walk.startScale(), rng); // [F,3,H+2p,W+2p]
                    Tensor iPrev;
                    if (prev == null) {
                        iPrev = Tensors.zeros(z.size(0), 3, z.size(2), z.size(3));
                    } else {
                        iPrev = Noise.pad(Noise.crop(Imresize.imresize(prev, 1 / m.scaleFactor()), sc.height(),
                                sc.width()), p);
                    }
                    Tensor zIn = z.mul(Tensors.s(sc.noiseAmp())).add(iPrev);
                    Tensor out = forward(lanes, sc, m.config(), zIn, iPrev);
                    if (prev != null) {
                        prev.releaseReference();
                    }
                    prev = Scope.keepAlive(out);
                }
            }
        } finally {
            torch.set_num_threads(Engine.threads());
        }
        return Scope.adopt(prev);
    }

    /**
     * The walk's noise at one scale, frame by frame: one draw to start and one per frame, in the official
     * order (single-channel noise at the coarsest scale).
     *
     * @param useOpt scales below the start scale: every frame gets z_opt (the walk still draws, as official)
     * @return [F,3,H+2p,W+2p]
     */
    static Tensor walk(Tensor zOpt, Walk w, boolean singleChannel, boolean useOpt, Rng rng) {
        long h = zOpt.size(2);
        long wd = zOpt.size(3);
        Scalar a = Tensors.s(w.alpha());
        Scalar oneMinusA = Tensors.s(1 - w.alpha());
        Scalar b = Tensors.s(w.beta());
        Scalar oneMinusB = Tensors.s(1 - w.beta());
        Tensor zPrev1 = zOpt.mul(Tensors.s(0.95)).add(draw(rng, h, wd, singleChannel).mul(Tensors.s(0.05)));
        Tensor zPrev2 = zOpt;
        TensorVector frames = new TensorVector();
        List<Tensor> kept = new ArrayList<>();
        for (int i = 0; i < w.frames(); i++) {
            Tensor zCurr;
            try (Scope fs = new Scope()) { // a frame's temporaries die here
                Tensor diff = zPrev1.sub(zPrev2).mul(b).add(draw(rng, h, wd, singleChannel).mul(oneMinusB));
                zCurr = Scope.keepAlive(zOpt.mul(a).add(zPrev1.add(diff).mul(oneMinusA)));
            }
            kept.add(zCurr);
            zPrev2 = zPrev1;
            zPrev1 = zCurr;
            frames.push_back(useOpt ? zOpt : zCurr);
        }
        Tensor all = torch.cat(frames, 0);
        kept.forEach(Tensor::releaseReference);
        return all;
    }

    private static Tensor draw(Rng rng, long h, long w, boolean singleChannel) {
        return singleChannel ? rng.randn(1, 1, h, w).expand(1, 3, h, w) : rng.randn(1, 3, h, w);
    }

    /**
     * G over the frames in chunks (at most {@link #CHUNK}, fewer when large, so a chunk's activations stay
     * within {@link Bands#BUDGET}), alternating between the lanes.
     */
    private static Tensor forward(Lanes lanes, Scale sc, SinGANConfig c, Tensor zIn, Tensor iPrev) {
        long n = zIn.size(0);
        long perFrame = Bands.activationBytes(sc.channels(), c.numLayer(), 1, zIn.size(2), zIn.size(3));
        long chunk = Math.max(1, Math.min(CHUNK, Bands.BUDGET / Math.max(1, perFrame)));
        List<Lanes.Task<Tensor>> tasks = new ArrayList<>();
        List<Tensor> parts = new ArrayList<>();
        for (long i0 = 0; i0 < n; i0 += chunk) {
            long len = Math.min(chunk, n - i0);
            Tensor z = zIn.narrow(0, i0, len);
            Tensor pr = iPrev.narrow(0, i0, len);
            if (tasks.size() % 2 == 1 || lanes.count() == 1) {
                parts.add(null);
                tasks.add(null);
                try (Scope s = new Scope()) {
                    parts.set(parts.size() - 1, Scope.keepAlive(Bands.forward(sc, c, z, pr)));
                }
            } else {
                parts.add(null);
                tasks.add(lanes.fork(() -> {
                    try (NoGrad ng = new NoGrad()) {
                        return Scope.keepAlive(Bands.forward(sc, c, z, pr));
                    }
                }));
            }
        }
        TensorVector all = new TensorVector();
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = tasks.get(i) != null ? tasks.get(i).join() : parts.get(i);
            all.push_back(t);
            t.releaseReference();
        }
        return torch.cat(all, 0);
    }
}
