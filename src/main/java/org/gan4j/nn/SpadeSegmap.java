package org.gan4j.nn;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * The label map m as SPADE layers read it, once per generator forward: its nearest resizes to each feature size,
 * and — when its pixels take few distinct values, as one-hot label maps (with or without instance edges) do — the
 * local windows that make SPADE's modulation cheap.
 *
 * <p>Why windows: in {@link Spade}, a = ReLU(conv3×3(m↓)) at a pixel depends only on the 3×3 window of m↓
 * around it, and γ, β = conv3×3(a) only on the 5×5 window. A label map is piecewise constant, so most windows
 * repeat (every pixel deep inside a region of one class has the same one). {@link Patterns} lists each distinct
 * 3×3 window once (U3 of them) and each distinct 3×3 arrangement of those (the 5×5 windows, U5), so a SPADE
 * layer computes a for U3 windows and γ, β for U5 instead of for every pixel: the same sums, up to float
 * rounding, at a fraction of the cost (the modulation is most of the generator's arithmetic). Zero padding is
 * kept exactly: a pixel outside the map has the zero input vector, an a outside the map is zero.
 *
 * <p>Holds tensors of the scope it is made in (what it computes later, inside inner scopes, is given to that
 * scope too): make one per forward or per batch, and use it while that scope is open.
 */
public final class SpadeSegmap {

    /** Above this many distinct input vectors the map is not treated as a label map (dense convolutions). */
    static final int MAX_CODES = 4096;
    /**
     * The windows are used at a size when U5 ≤ this fraction of its pixels: the window path costs about U3/P of the
     * dense convolutions for a and Y plus U5/P for the sums and the gather back, so it wins well before U5 reaches P.
     */
    static final double MAX_WINDOW_FRACTION = 0.5;

    private final Tensor seg; // [N,Cin,H,W]
    private final Tensor codes; // [N,1,H,W] float: each pixel's row in codebook; null when not coded
    private final Tensor codebook; // [K+2,Cin]: the K distinct pixel vectors, then two zero rows (padding, outside)
    private final int k;
    private final Map<Long, Tensor> resized = new HashMap<>();
    private final Map<Long, Patterns> patterns = new HashMap<>();
    private final PointerScope owner; // the scope this map was made in: it owns what is cached later

    private SpadeSegmap(Tensor seg, Tensor codes, Tensor codebook, int k) {
        this.owner = Scope.innermost();
        this.seg = seg;
        this.codes = codes;
        this.codebook = codebook;
        this.k = k;
    }

    /**
     * The label map {@code seg} [N,Cin,H,W], coded when it holds at most {@link #MAX_CODES} distinct pixel vectors
     * and needs no gradient (a map computed by a network, as CoCosNet's warped exemplar, takes the convolutions).
     */
    public static SpadeSegmap of(Tensor seg) {
        if (seg.requires_grad()) {
            return dense(seg);
        }
        try (NoGrad ng = new NoGrad()) {
            long n = seg.size(0);
            long cin = seg.size(1);
            Tensor pixels = seg.detach().permute(0, 2, 3, 1).reshape(-1, cin); // [P,Cin]
            // One float64 key per pixel vector (fixed irrational weights); the codebook is then checked exactly.
            double[] r = new double[(int) cin];
            for (int i = 0; i < r.length; i++) {
                r[i] = 1.0 + ((i + 1) * 0.6180339887498949) % 1.0;
            }
            double[] key = Tensors.doubles(pixels.to(ScalarType.Double).matmul(Tensors.of(r, r.length))); // [P]
            long[] keys = new long[key.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Double.doubleToLongBits(key[i] + 0.0); // +0.0: -0.0 and 0.0 alike
            }
            DistinctRows d = DistinctRows.of(keys, 1);
            if (d.count() > MAX_CODES) {
                return dense(seg);
            }
            Tensor inverse = longs(d.inverse()); // [P]
            long[] first = new long[d.count()];
            for (int p = d.inverse().length - 1; p >= 0; p--) {
                first[d.inverse()[p]] = p;
            }
            Tensor vectors = pixels.index_select(0, Tensors.longs(first)); // [K,Cin]
            if (!torch.equal(vectors.index_select(0, inverse), pixels)) {
                return dense(seg); // two vectors share a key: no shortcut
            }
            Tensor codebook = torch.cat(new TensorVector(vectors, Tensors.zeros(2, cin)), 0);
            Tensor codes = inverse.view(n, 1, seg.size(2), seg.size(3)).to(ScalarType.Float);
            return new SpadeSegmap(seg, codes, codebook, d.count());
        }
    }

    /** The label map {@code seg} for the plain convolutions only (the reference the windows are tested against). */
    public static SpadeSegmap dense(Tensor seg) {
        return new SpadeSegmap(seg, null, null, 0);
    }

    /** The map as given, [N,Cin,H,W]. */
    public Tensor seg() {
        return seg;
    }

    /** The map resized (nearest, as {@code F.interpolate}) to h × w, [N,Cin,h,w]; computed once per size. */
    public Tensor at(int h, int w) {
        if (seg.size(2) == h && seg.size(3) == w) {
            return seg;
        }
        return resized.computeIfAbsent(sizeKey(h, w), s -> own(Resize.nearest(seg, h, w)));
    }

    /** The windows at h × w for 3×3 SPADE convolutions, or null where the dense convolutions are cheaper. */
    public Patterns patterns(int h, int w) {
        if (codes == null) {
            return null;
        }
        long key = sizeKey(h, w);
        if (!patterns.containsKey(key)) {
            try (NoGrad ng = new NoGrad()) {
                patterns.put(key, findPatterns(h, w));
            }
        }
        return patterns.get(key);
    }

    private Patterns findPatterns(int h, int w) {
        int n = (int) seg.size(0);
        Tensor resizedCodes = (seg.size(2) == h && seg.size(3) == w ? codes : Resize.nearest(codes, h, w))
                .to(ScalarType.Long).contiguous();
        long[] c = Tensors.longs(resizedCodes); // [N,h,w]
        int padding = k; // codebook row k: the zero vector beyond the map
        int outside = k + 1; // marks a window centred outside the map, whose activation is zero
        // The 3×3 window centred on q, for q over the map and the one-pixel ring around it: [N,h+2,w+2,9]
        int h2 = h + 2;
        int w2 = w + 2;
        long[] windows = new long[n * h2 * w2 * 9];
        int at = 0;
        for (int b = 0; b < n; b++) {
            for (int qy = -1; qy <= h; qy++) {
                for (int qx = -1; qx <= w; qx++) {
                    boolean in = qy >= 0 && qy < h && qx >= 0 && qx < w;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int y = qy + dy;
                            int x = qx + dx;
                            windows[at++] = !in ? outside
                                    : y < 0 || y >= h || x < 0 || x >= w ? padding : c[(b * h + y) * w + x];
                        }
                    }
                }
            }
        }
        DistinctRows u3 = DistinctRows.of(windows, 9);
        // Each pixel's 3×3 neighbourhood of window numbers: the 5×5 window, [N·h·w,9]
        long[] around = new long[n * h * w * 9];
        at = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            around[at++] = u3.inverse()[(b * h2 + y + dy) * w2 + x + dx];
                        }
                    }
                }
            }
        }
        DistinctRows u5 = DistinctRows.of(around, 9);
        if (u5.count() > MAX_WINDOW_FRACTION * n * h * w) {
            return null;
        }
        float[] inside = new float[u3.count()];
        for (int u = 0; u < inside.length; u++) {
            inside[u] = u3.rows()[u * 9 + 4] == outside ? 0f : 1f;
        }
        return new Patterns(codebook, k + 2, own(Tensors.of(u3.rows(), u3.count(), 9)),
                own(Tensors.of(inside, u3.count(), 1)), own(Tensors.of(u5.rows(), u5.count(), 9)),
                own(longs(u5.inverse())), n, h, w);
    }

    /** Gives a cached tensor to this map's scope, or, made outside any, keeps it until it is garbage-collected. */
    private Tensor own(Tensor t) {
        return owner != null ? Scope.giveTo(owner, t) : Scope.keepAlive(t);
    }

    private static Tensor longs(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return Tensors.longs(l);
    }

    private static long sizeKey(int h, int w) {
        return ((long) h << 32) | w;
    }

    /**
     * The distinct windows of the map at one size.
     *
     * @param codebook [K+2,Cin] the distinct input vectors, then the zero vector (padding) and the outside marker
     * @param rows     K+2
     * @param windows3 [U3,9] codebook rows of each distinct 3×3 window (ky,kx row-major)
     * @param inside   [U3,1] 1 for windows centred on the map, 0 for those centred outside (zero activations)
     * @param windows5 [U5,9] the 3×3 windows around each distinct 5×5 window (rows of windows3)
     * @param inverse  [N·h·w] each pixel's row of windows5, in NHW order
     */
    public record Patterns(Tensor codebook, int rows, Tensor windows3, Tensor inside, Tensor windows5, Tensor inverse,
            long n, long h, long w) {}
}
