package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.stylegan2.Fixtures.maxAbs;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModulatedConv2d;
import org.gan4j.nn.Resample;
import org.gan4j.nn.Upfirdn2d;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** upfirdn2d against a hand example and the official op; the modulated conv against an unfused reference. */
class LayerParityTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layers() {
        return (Map<String, Object>) org.gan4j.torch.PtFile.load(Fixtures.path("layers.pt"));
    }

    @Test
    void upfirdn2dByHand() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = Tensors.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
            Tensor k = Tensors.of(new float[] {1, 2, 3, 4}, 2, 2); // not symmetric: the flip shows
            // pad one zero before on each axis: [[0,0,0],[0,1,2],[0,3,4]], then a true convolution
            // y[i][j] = Σ_ab xp[i+1-a][j+1-b]·k[a][b]  (the kernel flipped, as the native op does)
            assertThat(Tensors.floats(Upfirdn2d.apply(x, k, 1, 1, 1, 0))).containsExactly(1, 4, 6, 20);
            // up 2: zeros inserted after every pixel
            Tensor one = Tensors.of(new float[] {1}, 1, 1);
            assertThat(Tensors.floats(Upfirdn2d.apply(x, one, 2, 1, 0, 0)))
                    .containsExactly(1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0);
            // down 2 keeps pixels (0,0), (0,2), (2,0), (2,2); a negative pad crops first
            Tensor grid = torch.arange(Tensors.s(16)).to(torch.ScalarType.Float).view(1, 1, 4, 4);
            assertThat(Tensors.floats(Upfirdn2d.apply(grid, one, 1, 2, 0, 0))).containsExactly(0, 2, 8, 10);
            assertThat(Tensors.floats(Upfirdn2d.apply(grid, one, 1, 2, -1, 0))).containsExactly(5, 7, 13, 15);
            // the [1,3,3,1] filter keeps a constant image constant (away from the zero padding)
            Tensor flat = torch.ones(1, 1, 6, 6);
            Tensor b = Upfirdn2d.apply(flat, Upfirdn2d.makeKernel(Generator.BLUR_KERNEL), 1, 1, 0, 0);
            assertThat(b.shape()).containsExactly(1, 1, 3, 3);
            for (float v : Tensors.floats(b)) {
                assertThat(v).isEqualTo(1f); // the taps are multiples of 1/64: every partial sum is exact
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void upfirdn2dMatchesTheOfficialOp() {
        Map<String, Object> l = layers();
        Tensor x = (Tensor) l.get("upfirdn_x");
        Tensor k = (Tensor) l.get("upfirdn_k");
        int cases = 0;
        for (int i = 0; l.containsKey("upfirdn_" + i); i++, cases++) {
            Map<String, Object> c = (Map<String, Object>) l.get("upfirdn_" + i);
            int[] pad = ((List<Object>) c.get("pad")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor y = Upfirdn2d.apply(x, k, ((Number) c.get("up")).intValue(), ((Number) c.get("down")).intValue(), pad);
                // 16 taps per output in float32, rounded on both sides (measured: 0 on every kernel set)
                double tol = 2 * FloatBounds.dot(16, k.abs().sum().item_double(), x.abs().max().item_double());
                assertThat(maxAbs(y, (Tensor) c.get("y"))).as("case " + i + " " + c.keySet()).isLessThanOrEqualTo(tol);
            }
        }
        assertThat(cases).isEqualTo(6);
    }

    private static ModulatedConv2d conv(Map<String, Object> c, String name) {
        Map<String, Tensor> st = StateDict.tensors(c.get("state"), name);
        int k = (int) st.get("weight").size(3);
        ModulatedConv2d m = new ModulatedConv2d(5, (int) st.get("weight").size(1), k, 7,
                !name.equals("rgb"), name.equals("up") ? Resample.UP : name.equals("down") ? Resample.DOWN : Resample.NONE,
                Generator.BLUR_KERNEL);
        m.loadStateDict(st, name);
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void modulatedConvMatchesTheOfficialFusedAndUnfusedPaths() {
        Map<String, Object> l = layers();
        for (String name : List.of("plain", "up", "down", "rgb")) {
            Map<String, Object> c = (Map<String, Object>) l.get("modconv_" + name);
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                ModulatedConv2d m = conv(c, name);
                Tensor x = (Tensor) c.get("x");
                Tensor st = (Tensor) c.get("style");
                double tol = tolerance(m, x, st, !name.equals("rgb"), name.equals("up"), !name.equals("plain") && !name.equals("rgb"));
                assertThat(maxAbs(m.forward(x, st), (Tensor) c.get("fused"))).as(name + " fused").isLessThanOrEqualTo(tol);
                assertThat(maxAbs(m.fused(false).forward(x, st), (Tensor) c.get("unfused"))).as(name + " unfused")
                        .isLessThanOrEqualTo(tol);
            }
        }
    }

    /**
     * The float32 bound of a modulated conv computed twice (here and by the reference): n = I·k² products per output
     * (16 more through the blur when resampling, whose gain is 4 when upsampling), on weights that the modulation and
     * demodulation (a sum of n squares) already rounded, so γ_{2n+c}·Σ|w|·max|x| per side.
     */
    private static double tolerance(ModulatedConv2d m, Tensor x, Tensor style, boolean demod, boolean up, boolean blur) {
        int n = (int) (m.weight.size(2) * m.weight.size(3) * m.weight.size(4));
        double sumAbsW = 0;
        for (long i = 0; i < x.size(0); i++) {
            Tensor w = effectiveWeight(m, x, style.narrow(0, i, 1), demod, (int) m.weight.size(4));
            sumAbsW = Math.max(sumAbsW, w.abs().sum(new long[] {1, 2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .max().item_double());
        }
        int taps = blur ? 2 * n + 16 + 4 : 2 * n + 4;
        return 2 * FloatBounds.dot(taps, sumAbsW * (up ? 4 : 1), x.abs().max().item_double());
    }

    /** One sample's modulated (and demodulated) weight, [O,I,k,k]. */
    private static Tensor effectiveWeight(ModulatedConv2d m, Tensor x, Tensor style1, boolean demod, int k) {
        double scale = 1 / Math.sqrt(x.size(1) * k * k);
        Tensor s = m.modulation.forward(style1).view(1, -1, 1, 1); // [1,I,1,1]
        Tensor w = m.weight.squeeze(0).mul(Tensors.s(scale)).mul(s); // [O,I,k,k]
        if (demod) {
            w = w.div(torch.sqrt(w.square().sum(new long[] {1, 2, 3}, true, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .add(Tensors.s(1e-8))));
        }
        return w;
    }

    /** The reference: modulate and demodulate the weight per sample in a loop, then an ordinary conv. */
    private static Tensor perSampleReference(ModulatedConv2d m, Tensor x, Tensor style, boolean demod, int k) {
        List<Tensor> outs = new java.util.ArrayList<>();
        for (long i = 0; i < x.size(0); i++) {
            Tensor w = effectiveWeight(m, x, style.narrow(0, i, 1), demod, k);
            outs.add(torch.conv2d(x.narrow(0, i, 1), w, new TensorOptional(), new long[] {1, 1},
                    new long[] {k / 2, k / 2}, new long[] {1, 1}, 1));
        }
        return torch.cat(new TensorVector(outs.toArray(new Tensor[0])), 0);
    }

    @Test
    void modulatedConvMatchesAPerSampleLoop() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            torch.manual_seed(3);
            for (int k : new int[] {3, 1}) {
                boolean demod = k == 3;
                ModulatedConv2d m = new ModulatedConv2d(4, 5, k, 6, demod, Resample.NONE, Generator.BLUR_KERNEL);
                org.gan4j.nn.Init.normal(m.modulation.bias, 1, 0.5);
                Tensor x = torch.randn(3, 4, 7, 7);
                Tensor st = torch.randn(3, 6);
                Tensor ref = perSampleReference(m, x, st, demod, k);
                double tol = tolerance(m, x, st, demod, false, false);
                assertThat(maxAbs(m.forward(x, st), ref)).as("fused, k=" + k).isLessThanOrEqualTo(tol);
                assertThat(maxAbs(m.fused(false).forward(x, st), ref)).as("unfused, k=" + k).isLessThanOrEqualTo(tol);
            }
        }
    }
}
