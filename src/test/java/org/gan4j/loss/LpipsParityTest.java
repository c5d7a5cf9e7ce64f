package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.AlexNetFeatures;
import org.gan4j.nn.FeatureTrunk;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LPIPS against the official lpips package on the same closed-form weights and images
 * ({@code parity/lpips/lpips.json}; formulas and commands in its README): AlexNet and VGG16 trunks, with the
 * learned linear layers and without (the package's baseline), square and non-square images, and AlexNet's
 * per-layer terms (to 1e-4 relative: float32 rounding differs between CPU kernel sets by up to 1.7e-5).
 */
class LpipsParityTest {

    static final int[] ALEX_INDEX = {0, 3, 6, 8, 10};
    static final int[] ALEX_OUT = {64, 192, 384, 256, 256};
    static final int[] ALEX_KERNEL = {11, 5, 3, 3, 3};
    static final int[] VGG_INDEX = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
    static final int[] VGG_OUT = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};

    @TempDir
    Path tmp;

    static JsonNode fixture() throws Exception {
        try (InputStream in = LpipsParityTest.class.getResourceAsStream("/parity/lpips/lpips.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** p_k[i] = s_k·sin(0.001·(k+1)·i + 0.5·k) over torchvision's conv parameters, weight then bias. */
    static Map<String, Tensor> trunk(int[] index, int[] out, int[] kernel) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        int in = 3;
        int k = 0;
        for (int c = 0; c < index.length; c++) {
            int kh = kernel == null ? 3 : kernel[c];
            state.put("features." + index[c] + ".weight",
                    formula(k++, 1 / Math.sqrt(in * kh * kh), out[c], in, kh, kh));
            state.put("features." + index[c] + ".bias", formula(k++, 0.01, out[c]));
            in = out[c];
        }
        return state;
    }

    static Tensor formula(int k, double s, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (s * Math.sin(0.001 * (k + 1) * i + 0.5 * k));
        }
        return Scope.keepAlive(Tensors.of(v, shape));
    }

    /** w_l[c] = 0.1 + 0.05·(1 + sin(0.3·c + l)), {@code [1,C,1,1]} per layer. */
    static List<Tensor> lin(int[] channels) {
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < channels.length; l++) {
            float[] w = new float[channels[l]];
            for (int c = 0; c < w.length; c++) {
                w[c] = (float) (0.1 + 0.05 * (1 + Math.sin(0.3 * c + l)));
            }
            out.add(Scope.keepAlive(Tensors.of(w, 1, channels[l], 1, 1)));
        }
        return out;
    }

    /** x = 0.8·sin(0.05(h+1)(c+1) + 0.07w + n), y = 0.8·cos(0.04(w+1)(c+2) + 0.09h − n), {@code [2,3,H,W]}. */
    static Tensor[] images(int h, int w) {
        float[] x = new float[2 * 3 * h * w];
        float[] y = new float[x.length];
        int i = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < h; r++) {
                    for (int q = 0; q < w; q++, i++) {
                        x[i] = (float) (0.8 * Math.sin(0.05 * (r + 1) * (c + 1) + 0.07 * q + n));
                        y[i] = (float) (0.8 * Math.cos(0.04 * (q + 1) * (c + 2) + 0.09 * r - n));
                    }
                }
            }
        }
        return new Tensor[] {Tensors.of(x, 2, 3, h, w), Tensors.of(y, 2, 3, h, w)};
    }

    static void check(JsonNode want, Tensor got, String what) {
        float[] g = Tensors.floats(got.contiguous());
        assertThat(g).as(what).hasSize(want.size());
        for (int n = 0; n < g.length; n++) {
            double w = want.get(n).asDouble();
            // float32 sums over VGG16's maps: 1.7e-5 relative between this CPU's kernels and AVX2's; a wrong
            // scaling, normalisation or layer would be off by percents
            assertThat((double) g[n]).as(what + " image " + n).isCloseTo(w, within(1e-4 * Math.abs(w) + 1e-9));
        }
    }

    @Test
    void matchesTheOfficialPackage() throws Exception {
        JsonNode f = fixture();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            FeatureTrunk alex = AlexNetFeatures.of(trunk(ALEX_INDEX, ALEX_OUT, ALEX_KERNEL), "alexnet");
            FeatureTrunk vgg = Vgg16Features.of(trunk(VGG_INDEX, VGG_OUT, null), "vgg16");
            Map<String, Lpips> nets = new LinkedHashMap<>();
            nets.put("alex_lin", new Lpips(alex, lin(alex.channels()), "alex"));
            nets.put("alex_base", new Lpips(alex, null, "alex baseline"));
            nets.put("vgg_lin", new Lpips(vgg, lin(vgg.channels()), "vgg"));
            nets.put("vgg_base", new Lpips(vgg, null, "vgg baseline"));
            for (String size : List.of("64", "48x40")) {
                Tensor[] xy = size.equals("64") ? images(64, 64) : images(48, 40);
                for (Map.Entry<String, Lpips> e : nets.entrySet()) {
                    String key = e.getKey() + "_" + size;
                    check(f.get(key), e.getValue().distance(xy[0], xy[1]), key);
                }
            }
            Tensor[] xy = images(64, 64);
            List<Tensor> layers = nets.get("alex_lin").layers(xy[0], xy[1]);
            JsonNode want = f.get("alex_lin_64_layers");
            for (int l = 0; l < layers.size(); l++) {
                float[] g = Tensors.floats(layers.get(l).contiguous());
                for (int n = 0; n < 2; n++) {
                    double w = want.get(n).get(l).asDouble();
                    assertThat((double) g[n]).as("layer " + l + " image " + n).isCloseTo(w, within(1e-4 * w + 1e-9));
                }
            }
        }
    }

    @Test
    void theLinearLayersLoadFromTheOfficialFileLayoutAndRefuseAnotherNetworks() throws Exception {
        try (Scope s = new Scope()) {
            FeatureTrunk alex = AlexNetFeatures.of(trunk(ALEX_INDEX, ALEX_OUT, ALEX_KERNEL), "alexnet");
            Map<String, Tensor> file = new LinkedHashMap<>();
            List<Tensor> w = lin(alex.channels());
            for (int l = 0; l < w.size(); l++) {
                file.put("lin" + l + ".model.1.weight", w.get(l));
            }
            Path alexPth = tmp.resolve("alex.pth");
            PtFile.save(alexPth, StateDict.of(file));
            List<Tensor> back = Lpips.linearLayers(alexPth, alex);
            for (int l = 0; l < w.size(); l++) {
                assertThat(back.get(l).equal(w.get(l))).isTrue();
            }
            FeatureTrunk vgg = Vgg16Features.of(trunk(VGG_INDEX, VGG_OUT, null), "vgg16");
            assertThatThrownBy(() -> Lpips.linearLayers(alexPth, vgg)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("lin1.model.1.weight is [1, 192, 1, 1] but the network's layer 1 has 128 channels");
            assertThatThrownBy(() -> Lpips.linearLayers(tmp.resolve("none.pth"), alex))
                    .hasMessageStartingWith("LPIPS weights not found: ");
            assertThatThrownBy(() -> AlexNetFeatures.load(alexPth)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("is not a torchvision alexnet state dict");
        }
    }
}
