package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Resize} against outputs of the official SinGAN {@code imresize_in} (parity/imresize/README.md). */
class ResizeTest {

    /**
     * Our float32 matmuls against the official float64 numpy: the rounding bound of the two passes
     * ({@link #bound}; the uint8 inputs are exact in float32) plus half the last digit the fixture keeps (five
     * decimals), on the 0..255 scale.
     */
    private static final double FIXTURE_ROUNDING = 0.5e-5;

    private static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ResizeTest.class.getResourceAsStream("/parity/imresize/imresize.json")) {
            fixtures = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void matchesTheOfficialImresizeOnEveryFixture() {
        List<String> report = new ArrayList<>();
        double worst = 0;
        try (Scope s = new Scope()) {
            for (JsonNode c : fixtures.get("cases")) {
                JsonNode in = fixtures.get("inputs").get(c.get("input").asText());
                Tensor x = hwcToNchw(in.get("data"), in.get("h").asInt(), in.get("w").asInt()); // [1,3,H,W]
                Tensor y = c.get("scale").isNull()
                        ? Resize.imresizeTo(x, c.get("outShape").get(0).asInt(), c.get("outShape").get(1).asInt())
                        : Resize.imresize(x, c.get("scale").asDouble());
                int h = c.get("h").asInt();
                int w = c.get("w").asInt();
                assertThat(y.shape()).as(c.get("name").asText()).containsExactly(1, 3, h, w);
                float[] got = Tensors.floats(y);
                double tolerance = bound(in.get("h").asInt(), h, c.get("scale").isNull() ? 1.0 * h / in.get("h").asInt()
                        : c.get("scale").asDouble(), in.get("w").asInt(), w, c.get("scale").isNull()
                        ? 1.0 * w / in.get("w").asInt() : c.get("scale").asDouble(), 255, 0)
                        + FIXTURE_ROUNDING;
                JsonNode want = c.get("data");
                double maxDiff = 0;
                for (int yy = 0; yy < h; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        for (int ch = 0; ch < 3; ch++) {
                            double d = Math.abs(got[(ch * h + yy) * w + xx] - want.get((yy * w + xx) * 3 + ch).asDouble());
                            maxDiff = Math.max(maxDiff, d);
                        }
                    }
                }
                report.add(String.format("%-62s max|diff| = %.2e (bound %.2e)", c.get("name").asText(), maxDiff, tolerance));
                assertThat(maxDiff).as(c.get("name").asText()).isLessThanOrEqualTo(tolerance);
                worst = Math.max(worst, maxDiff);
            }
        }
        report.forEach(System.out::println);
        System.out.printf("imresize parity: worst max|diff| = %.2e over %d cases%n", worst, report.size());
    }

    @Test
    void outputSizesFollowTheOfficialCeilRule() {
        int checked = 0;
        for (JsonNode e : fixtures.get("sizes")) {
            long in = e.get(0).asLong();
            double scale = e.get(1).asDouble();
            int want = e.get(2).asInt();
            assertThat(Resize.outLength(in, scale)).as("ceil(%d * %s)", in, scale).isEqualTo(want);
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
        // and the tensors really come out that size, for a spread of them
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (int in : new int[] {1, 2, 3, 7, 25, 33, 187, 250}) {
                for (double scale : new double[] {0.1, 0.31, 0.75, Math.pow(0.5, 1.0 / 3), 4.0 / 3, 4.0}) {
                    Tensor x = Tensors.of(new float[in * 3], 1, 1, in, 3);
                    Tensor y = Resize.imresize(x, scale);
                    assertThat(y.shape()).containsExactly(1, 1, (long) Math.ceil(in * scale), (long) Math.ceil(3 * scale));
                }
            }
        }
    }

    @Test
    void weightRowsSumToOneAndConstantsStayConstant() {
        for (double scale : new double[] {0.1, 0.31, 0.75, 1.5, 4.0}) {
            for (boolean aa : new boolean[] {true, false}) {
                int in = 13;
                int out = Resize.outLength(in, scale);
                double[] w = ImresizeWeights.weights(in, out, scale, aa);
                for (int i = 0; i < out; i++) {
                    double sum = 0;
                    for (int j = 0; j < in; j++) {
                        sum += w[i * in + j];
                    }
                    assertThat(sum).as("row %d, scale %s, antialias %s", i, scale, aa).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        try (Scope s = new Scope()) {
            float[] ones = new float[2 * 3 * 9 * 14];
            java.util.Arrays.fill(ones, 0.25f);
            Tensor y = Resize.imresizeTo(Tensors.of(ones, 2, 3, 9, 14), 5, 31);
            // 9 -> 5 turns antialiasing on for the upsampled width too (the official quirk), whose weights then
            // sum |w| to over 200: the float32 bound, not a fixed epsilon, says how far a constant may move.
            double tolerance = bound(9, 5, 5.0 / 9, 14, 31, 31.0 / 14, 0.25, 0);
            assertThat(tolerance).isLessThan(1e-3);
            for (float v : Tensors.floats(y)) {
                assertThat((double) v).isCloseTo(0.25, org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    @Test
    void isDifferentiableAndGivesTheWeightColumnSumsAsGradient() {
        try (Scope s = new Scope()) {
            Tensor x = Tensors.of(new float[1 * 1 * 10 * 10], 1, 1, 10, 10);
            x.requires_grad_(true);
            Tensor y = Resize.imresize(x, 0.5); // [1,1,5,5]
            y.sum().backward();
            float[] g = Tensors.floats(x.grad());
            double[] w = ImresizeWeights.weights(10, 5, 0.5, true);
            double[] col = new double[10];
            double[] colAbs = new double[10];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 10; j++) {
                    col[j] += w[i * 10 + j];
                    colAbs[j] += Math.abs(w[i * 10 + j]);
                }
            }
            for (int r = 0; r < 10; r++) {
                for (int c = 0; c < 10; c++) {
                    // two 5-term sums of rounded weights, multiplied: gamma(2 * (5 + 1)) of the absolute terms
                    double tolerance = FloatBounds.gamma(12) * colAbs[r] * colAbs[c];
                    assertThat((double) g[r * 10 + c]).isCloseTo(col[r] * col[c], org.assertj.core.data.Offset.offset(tolerance));
                }
            }
        }
    }

    @Test
    void cachedWeightsSurviveTheScopeTheyWereMadeIn() {
        float[] data = new float[1 * 1 * 23 * 19];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 37 % 101) / 10f;
        }
        float[] first;
        try (Scope s = new Scope()) {
            first = Tensors.floats(Resize.imresizeTo(Tensors.of(data, 1, 1, 23, 19), 17, 11));
        }
        System.gc();
        float[] again;
        try (Scope s = new Scope()) {
            again = Tensors.floats(Resize.imresizeTo(Tensors.of(data, 1, 1, 23, 19), 17, 11));
        }
        assertThat(again).containsExactly(first);
        assertThat(ImresizeWeights.cachedCount()).isBetween(1, ImresizeWeights.CACHE_SIZE);
    }

    @Test
    void doublePrecisionInputsStayDouble() {
        try (Scope s = new Scope()) {
            Tensor x = Tensors.of(new float[3 * 8 * 8], 1, 3, 8, 8).to(ScalarType.Double);
            Tensor y = Resize.imresize(x, 0.75);
            assertThat(y.scalar_type().intern()).isEqualTo(ScalarType.Double);
            assertThat(y.shape()).containsExactly(1, 3, 6, 6);
        }
    }

    @Test
    void outputLengthOneWorks() {
        try (Scope s = new Scope()) {
            float[] ones = new float[3 * 11 * 17];
            java.util.Arrays.fill(ones, 7f);
            Tensor y = Resize.imresizeTo(Tensors.of(ones, 1, 3, 11, 17), 1, 1);
            assertThat(y.shape()).containsExactly(1, 3, 1, 1);
            double tolerance = bound(11, 1, 1 / 11.0, 17, 1, 1 / 17.0, 7, 0);
            for (float v : Tensors.floats(y)) {
                assertThat((double) v).isCloseTo(7, org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    @Test
    void scaleOneIsACopy() {
        try (Scope s = new Scope()) {
            Tensor x = Tensors.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
            Tensor y = Resize.imresize(x, 1.0);
            assertThat(Tensors.floats(y)).containsExactly(1, 2, 3, 4);
            assertThat(Tensors.floats(Resize.imresizeTo(x, 2, 2))).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void rejectsBadInputsWithExpectedVersusActual() {
        try (Scope s = new Scope()) {
            Tensor x3 = Tensors.of(new float[12], 3, 2, 2);
            assertThatThrownBy(() -> Resize.imresize(x3, 0.5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4-D").hasMessageContaining("[3, 2, 2]");
            Tensor x = Tensors.of(new float[4], 1, 1, 2, 2);
            for (double bad : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertThatThrownBy(() -> Resize.imresize(x, bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("scale > 0").hasMessageContaining(String.valueOf(bad));
            }
            assertThatThrownBy(() -> Resize.imresizeTo(x, 0, 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0 x 3");
            assertThatThrownBy(() -> Resize.bilinear(x3, 4, 4, true)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void torchWrappersMatchHandComputedValues() {
        try (Scope s = new Scope()) {
            Tensor x = Tensors.of(new float[] {0, 3}, 1, 1, 1, 2);
            assertThat(Tensors.floats(Resize.bilinear(x, 1, 4, true))).containsExactly(0, 1, 2, 3);
            // align_corners=false: sample points at (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 (clamped)
            assertThat(Tensors.floats(Resize.bilinear(x, 1, 4, false))).containsExactly(0f, 0.75f, 2.25f, 3f);
            Tensor q = Tensors.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
            assertThat(Tensors.floats(Resize.nearest(q, 4, 4)))
                    .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
            assertThat(Tensors.floats(Resize.nearest(q, 1, 1))).containsExactly(1);
            Tensor c = Resize.bicubicTorch(q, 2, 2, true);
            assertThat(Tensors.floats(c)).containsExactly(1, 2, 3, 4);
        }
    }

    /**
     * The float32 rounding bound of {@link Resize}'s two matmul passes on inputs of magnitude at most
     * {@code maxAbsX}, in the order Resize runs them: each pass is a dot product of n terms
     * ({@link FloatBounds#dot}) and carries the error it was given (first: {@code inputError}, the inputs' own
     * rounding to float32) through its weights.
     */
    static double bound(int inH, int outH, double scaleH, int inW, int outW, double scaleW, double maxAbsX,
            double inputError) {
        boolean antialias = scaleH < 1;
        boolean hFirst = scaleH <= scaleW;
        int[][] passes = hFirst ? new int[][] {{inH, outH}, {inW, outW}} : new int[][] {{inW, outW}, {inH, outH}};
        double[] scales = hFirst ? new double[] {scaleH, scaleW} : new double[] {scaleW, scaleH};
        double err = inputError;
        double maxAbs = maxAbsX;
        for (int p = 0; p < 2; p++) {
            if (scales[p] == 1.0) {
                continue;
            }
            int in = passes[p][0];
            int out = passes[p][1];
            double[] w = ImresizeWeights.weights(in, out, scales[p], antialias);
            double sumAbs = 0;
            for (int i = 0; i < out; i++) {
                double row = 0;
                for (int j = 0; j < in; j++) {
                    row += Math.abs(w[i * in + j]);
                }
                sumAbs = Math.max(sumAbs, row);
            }
            err = sumAbs * err + FloatBounds.dot(in, sumAbs, maxAbs);
            maxAbs = sumAbs * maxAbs;
        }
        return err;
    }

    private static Tensor hwcToNchw(JsonNode data, int h, int w) {
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out[(c * h + y) * w + x] = (float) data.get((y * w + x) * 3 + c).asDouble();
                }
            }
        }
        return Tensors.of(out, 1, 3, h, w);
    }
}
