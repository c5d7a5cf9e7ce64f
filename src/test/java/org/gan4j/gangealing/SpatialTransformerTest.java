package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Adam;
import org.gan4j.nn.GridSampling;
import org.gan4j.nn.MipmapWarp;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** GANgealing's STNs: identity at start, convex upsampling and composition by hand, a known similarity recovered. */
class SpatialTransformerTest {

    static final StnShape TINY = new StnShape(16, 16, 16, 0.25, 4, 1);

    /** Smooth, asymmetric pictures {@code [n,3,s,s]}: blobs at different places per image. */
    static Tensor pictures(int n, int s) {
        float[] v = new float[n * 3 * s * s];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        double u = (x + 0.5) / s - 0.5;
                        double w = (y + 0.5) / s - 0.5;
                        double b1 = Math.exp(-((u - 0.18 + 0.1 * i) * (u - 0.18 + 0.1 * i) + (w + 0.12) * (w + 0.12)) / 0.01);
                        double b2 = Math.exp(-((u + 0.15) * (u + 0.15) + (w - 0.2 + 0.05 * i) * (w - 0.2 + 0.05 * i)) / 0.02);
                        v[((i * 3 + c) * s + y) * s + x] = (float) (c == 0 ? b1 - b2 : c == 1 ? b2 - 0.5 * b1 : u + w);
                    }
                }
            }
        }
        return Tensors.of(v, n, 3, s, s);
    }

    @Test
    void aNewTransformerIsTheIdentity() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            ComposedStn t = new ComposedStn(TINY);
            Tensor x = pictures(2, 16);
            Warped w = t.forward(x, Warping.defaults());
            assertThat(Tensors.value(w.out().sub(x).abs().max())).isLessThan(1e-5);
            assertThat(Tensors.value(w.warp().abs().max())).isZero();
            assertThat(w.warp().sizes().vec().get()).containsExactly(2, 16, 16, 2);
        }
    }

    @Test
    void theTransformerAndTheTargetAreMadeOnThePlacedDevice() {
        org.gan4j.nn.ModuleContract.madeOnThePlacedDevice(() -> new ComposedStn(TINY));
        org.gan4j.nn.ModuleContract.madeOnThePlacedDevice(() -> new TargetLatent(16, 4, 2, 6, 2));
    }

    @Test
    void convexUpsamplingByHand() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            FlowHead head = new FlowHead(4, 3, 1, 2);
            // Flow 1 everywhere on a 3x3 grid; mask 0: each fine pixel averages its coarse cell's 3x3 neighbours of
            // d·Δ = 2 with zero padding, so the centre cell gets 2 and a corner cell 2·4/9.
            Tensor flow = torch.ones(1, 3, 3, 2);
            Tensor up = head.upsample(flow, torch.zeros(1, 9 * 4, 3, 3));
            assertThat(up.sizes().vec().get()).containsExactly(1, 6, 6, 2);
            float[] u = Tensors.floats(up.select(3, 0).contiguous());
            assertThat(u[2 * 6 + 2]).isCloseTo(2f, within(1e-6f));
            assertThat(u[3 * 6 + 3]).isCloseTo(2f, within(1e-6f));
            assertThat(u[0]).isCloseTo(8f / 9, within(1e-6f));
            // A mask that picks neighbour 0 (up-left) for every fine pixel: fine pixels of cell (i,j) get 2·Δ(i−1,j−1).
            float[] f = new float[18];
            for (int k = 0; k < 9; k++) {
                f[2 * k] = k;
                f[2 * k + 1] = -k;
            }
            Tensor ramp = Tensors.of(f, 1, 3, 3, 2);
            float[] m = new float[9 * 4 * 9];
            for (int sub = 0; sub < 4; sub++) {
                for (int cell = 0; cell < 9; cell++) {
                    m[(0 * 4 + sub) * 9 + cell] = 60f; // neighbour index 0 dominates the softmax
                }
            }
            Tensor picked = head.upsample(ramp, Tensors.of(m, 1, 36, 3, 3));
            float[] px = Tensors.floats(picked.select(3, 0).contiguous());
            float[] py = Tensors.floats(picked.select(3, 1).contiguous());
            // cell (2,2) covers fine pixels (4..5, 4..5); its up-left neighbour (1,1) has Δ = (4, −4)
            assertThat(px[4 * 6 + 5]).isCloseTo(8f, within(1e-5f));
            assertThat(py[5 * 6 + 4]).isCloseTo(-8f, within(1e-5f));
            // cell (0,1): its up-left neighbour is padding, so 0
            assertThat(px[0 * 6 + 2]).isCloseTo(0f, within(1e-5f));
            head.close();
        }
    }

    @Test
    void aFlowComposesWithASimilarity() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // M = rotation by 90° and shift (0.5, 0): (x, y) -> (−y + 0.5, x)
            Tensor m = Tensors.of(new float[] {0, -1, 0.5f, 1, 0, 0}, 1, 2, 3);
            Tensor grid = Tensors.of(new float[] {0.2f, 0.3f, -0.4f, 0.1f}, 1, 1, 2, 2);
            float[] g = Tensors.floats(FlowHead.applyAffine(m, grid).contiguous());
            assertThat(g).containsExactly(new float[] {0.2f, 0.2f, 0.4f, -0.4f}, within(1e-6f));
        }
    }

    @Test
    void mipmapSamplingIsBilinearAtScaleOneAndSmoothWhenZoomingOut() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            MipmapWarp warp = new MipmapWarp(3.5);
            Tensor x = pictures(1, 32);
            double a = Math.toRadians(20);
            Tensor rot = Tensors.of(new float[] {(float) Math.cos(a), (float) -Math.sin(a), 0.1f,
                (float) Math.sin(a), (float) Math.cos(a), -0.05f}, 1, 2, 3);
            Tensor grid = GridSampling.affineGrid(rot, 1, 3, 32, 32);
            Tensor plain = GridSampling.sample(x, grid, Padding2d.BORDER);
            assertThat(Tensors.value(warp.forward(x, grid, Padding2d.BORDER).sub(plain).abs().max())).isLessThan(1e-6);
            // A checkerboard seen 4x smaller, sampled at pixel centres: bilinear samples alias to one colour, the
            // mipmap averages towards the true mean 0.
            float[] cb = new float[64 * 64];
            for (int i = 0; i < cb.length; i++) {
                cb[i] = ((i / 64 + i % 64) % 2 == 0) ? 1 : -1;
            }
            Tensor board = Tensors.of(cb, 1, 1, 64, 64);
            Tensor zoom = GridSampling.affineGrid(Tensors.of(new float[] {1, 0, 1 / 64f, 0, 1, 1 / 64f}, 1, 2, 3), 1, 1, 16, 16);
            double plainSpread = Tensors.value(GridSampling.sample(board, zoom, Padding2d.BORDER).abs().mean());
            double mipSpread = Tensors.value(warp.forward(board, zoom, Padding2d.BORDER).abs().mean());
            assertThat(plainSpread).isGreaterThan(0.5);
            assertThat(mipSpread).isLessThan(0.2);
            warp.close();
        }
    }

    @Test
    void flowLossesByHand() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // Δ [1,2,2,2]: channel 0 = [[0, 3], [0.5, 0]], channel 1 = 0.
            Tensor d = Tensors.of(new float[] {0, 0, 3, 0, 0.5f, 0, 0, 0}, 1, 2, 2, 2);
            // y differences (rows): |0−0.5| = 0.5 → 0.125, |3−0| = 3 → 2.5, and two zeros: mean over 4 = 0.65625
            // x differences (cols): |0−3| = 3 → 2.5, |0.5−0| = 0.5 → 0.125, and two zeros: 0.65625
            assertThat(Tensors.value(CongealingLosses.totalVariation(d))).isCloseTo(1.3125, within(1e-6));
            assertThat(Tensors.floats(CongealingLosses.totalVariationPerImage(d))[0]).isCloseTo(1.3125f, within(1e-6f));
            assertThat(Tensors.value(CongealingLosses.flowIdentity(d))).isCloseTo((9 + 0.25) / 8, within(1e-6));
        }
    }

    @Test
    void theSimilarityTransformerRecoversAKnownWarp() {
        // Two pictures, each shown rotated, scaled and shifted by its own known similarity; the STN learns to undo
        // both (it must tell them apart), and its matrices approach the inverses.
        try (Scope s = new Scope()) {
            torch.manual_seed(3);
            SpatialTransformer t = new SpatialTransformer(new StnShape(32, 32, 16, 0.25, 4, 1), Transform.SIMILARITY);
            Tensor y = pictures(2, 32);
            double[][] truth = {{Math.toRadians(25), 1.15, 0.10, -0.06}, {Math.toRadians(-18), 0.9, -0.08, 0.05}};
            Tensor mTrue = torch.cat(new TensorVector(matrix(truth[0]), matrix(truth[1])), 0);
            Tensor x;
            try (NoGrad ng = new NoGrad()) {
                x = GridSampling.sample(y, GridSampling.affineGrid(inverse(mTrue), 2, 3, 32, 32), Padding2d.BORDER);
            }
            Adam opt = new Adam(t.parameters(), 3e-3, 0.9, 0.999, 1e-8);
            double first = 0;
            double last = 0;
            for (int it = 0; it < 300; it++) {
                try (Scope step = new Scope()) {
                    Warped w = t.forward(x, x, Warping.defaults(), null, null);
                    Tensor loss = w.out().sub(y).pow(Tensors.s(2)).mean();
                    t.zeroGrad();
                    loss.backward();
                    opt.step();
                    last = Tensors.value(loss);
                    first = it == 0 ? last : first;
                }
            }
            assertThat(last).isLessThan(first / 20);
            try (NoGrad ng = new NoGrad()) {
                Tensor m = t.forward(x, x, Warping.defaults(), null, null).warp();
                float[] got = Tensors.floats(m.contiguous());
                float[] want = Tensors.floats(mTrue.contiguous());
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).as("matrix entry %d", i).isCloseTo(want[i], within(0.06f));
                }
            }
        }
    }

    /** The similarity as a {@code [1,2,3]} matrix from (θ, s, t_x, t_y). */
    private static Tensor matrix(double[] p) {
        float c = (float) (p[1] * Math.cos(p[0]));
        float sn = (float) (p[1] * Math.sin(p[0]));
        return Tensors.of(new float[] {c, -sn, (float) p[2], sn, c, (float) p[3]}, 1, 2, 3);
    }

    private static Tensor inverse(Tensor m) {
        Tensor row = Tensors.of(new float[] {0, 0, 1}, 1, 1, 3).expand(new long[] {m.size(0), 1, 3});
        return torch.inverse(torch.cat(new TensorVector(m, row), 1)).narrow(1, 0, 2).contiguous();
    }
}
