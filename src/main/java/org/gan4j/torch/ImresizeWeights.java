package org.gan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The 1-D resampling matrices of SinGAN's MATLAB-style {@code imresize} (cubic kernel), computed in double from
 * the kernel formula and cached as tensors.
 *
 * <p>Row {@code i} of a matrix {@code [out, in]} holds the weights output pixel {@code i} gives to each input
 * pixel; several taps that mirror onto the same input pixel are added up. Applying it is one matmul.
 */
final class ImresizeWeights {

    /** Enough for a SinGAN pyramid (about ten scales, two dims, up and down) with room to spare. */
    static final int CACHE_SIZE = 64;

    private record Key(int in, int out, double scale, boolean antialias, int dtype, Device device) {}

    private static final Map<Key, Tensor> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Tensor> eldest) {
            // Evicted tensors are freed when their Java handle is collected: a caller on another thread may
            // still be between the lookup and its matmul, so they are not released here.
            return size() > CACHE_SIZE;
        }
    };

    private ImresizeWeights() {}

    /** The cached {@code [out, in]} matrix in {@code dtype} on the current device; it outlives every {@link Scope}. */
    static Tensor matrix(int in, int out, double scale, boolean antialias, ScalarType dtype) {
        Key key = new Key(in, out, scale, antialias, dtype.value, Placement.current());
        synchronized (CACHE) {
            Tensor w = CACHE.get(key);
            if (w == null) {
                Engine.init();
                try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                    Tensor d = Tensors.of(weights(in, out, scale, antialias), out, in); // [out,in] float64
                    w = Scope.keepAlive(dtype == ScalarType.Double ? d : d.to(dtype));
                }
                CACHE.put(key, w);
            }
            return w;
        }
    }

    static int cachedCount() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /**
     * The dense {@code [out, in]} weights, row-major, as the official {@code contributions()} defines them.
     *
     * <p>Output pixel {@code i} (1-based {@code i+1}) sits at input coordinate
     * {@code match = (i+1)/scale + 0.5 (1 - 1/scale)}; it sees {@code ceil(width)+2} taps starting at
     * {@code floor(match - width/2) - 1}, each weighted by the cubic kernel of its distance (stretched by
     * {@code 1/scale} when antialiasing). Rows are normalised to sum to 1. Taps right of the image mirror back
     * into it ({@code ..., n-2, n-1, n-1, n-2, ...}). Taps left of it get weight 0 before normalisation: the
     * official code casts their negative positions to an unsigned integer, which on x86 wraps to about 2^64,
     * so the kernel sees a huge distance. We reproduce that, since SinGAN's published results were made with it.
     */
    static double[] weights(int in, int out, double scale, boolean antialias) {
        // DEVIATION: an output length of 1 raises IndexError in the official code (its np.squeeze drops the
        // output axis); here it is just a one-row matrix.
        // Same operations in the same order as the official numpy code, so the doubles agree bit for bit.
        double kernelWidth = antialias ? 4.0 * (1.0 / scale) : 4.0;
        int taps = (int) Math.ceil(kernelWidth) + 2;
        double[] w = new double[out * in];
        double[] row = new double[taps];
        long period = 2L * in;
        for (int i = 0; i < out; i++) {
            double match = (double) (i + 1) / scale + 0.5 * (1 - 1.0 / scale);
            double left = Math.floor(match - kernelWidth / 2);
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double pos = left + j - 1;
                double v = 0;
                if (pos >= 0) {
                    double x = match - pos - 1;
                    v = antialias ? scale * cubic(scale * x) : cubic(x);
                }
                row[j] = v;
                sum += v;
            }
            if (sum == 0) {
                sum = 1.0;
            }
            for (int j = 0; j < taps; j++) {
                double pos = left + j - 1;
                if (pos < 0 || row[j] == 0) {
                    continue;
                }
                long m = (long) pos % period;
                int idx = (int) (m < in ? m : period - 1 - m);
                w[i * in + idx] += row[j] / sum;
            }
        }
        return w;
    }

    /** Keys' cubic convolution kernel with a = -0.5 (MATLAB's {@code imresize} default). */
    static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }
}
