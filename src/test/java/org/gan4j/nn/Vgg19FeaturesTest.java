package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VGG19 features: SPADE's slices of torchvision's layers, the state dict file and its errors, the seeded default. */
class Vgg19FeaturesTest {

    @TempDir
    Path tmp;

    private static Tensor image(long seed, long n, long size) {
        torch.manual_seed(seed);
        return torch.rand(n, 3, size, size).mul(new Scalar(2)).sub(new Scalar(1)); // in [-1, 1], as SPADE feeds it
    }

    /**
     * torchvision's {@code features} run layer by layer from its cfg, keeping the output of every layer index:
     * SPADE's slices end at {@code features[0:2]}, {@code [2:7]}, {@code [7:12]}, {@code [12:21]}, {@code [21:30]}.
     */
    private static List<Tensor> torchvisionLayers(Map<String, Tensor> w, Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        long[] one = {1, 1};
        for (int c : RandomVgg19.CFG) {
            if (c == 0) {
                h = torch.max_pool2d(h, 2, 2);
                out.add(h);
            } else {
                int i = out.size();
                h = torch.conv2d(h, w.get("features." + i + ".weight"),
                        new TensorOptional(w.get("features." + i + ".bias")), one, one, one, 1);
                out.add(h);
                h = torch.relu(h);
                out.add(h);
            }
        }
        return out;
    }

    @Test
    void outputsAreSpadesSlicesOfTorchvisionsLayers() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> w = RandomVgg19.weights(4);
            Tensor x = image(1, 1, 32);
            List<Tensor> want = torchvisionLayers(w, x);
            try (Vgg19Features vgg = Vgg19Features.of(w, "random vgg19")) {
                List<Tensor> got = vgg.forward(x);
                int[] lastLayer = {1, 6, 11, 20, 29};
                assertThat(got).hasSize(5);
                for (int k = 0; k < 5; k++) {
                    // the same convolutions on the same inputs in the same order: equal to the bit
                    assertThat(torch.equal(got.get(k), want.get(lastLayer[k]))).as("slice " + (k + 1)).isTrue();
                }
            }
        }
    }

    @Test
    void fiveOutputsAt64x64() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); Vgg19Features vgg = Vgg19Features.random(0)) {
            List<Tensor> f = vgg.forward(image(2, 2, 64));
            assertThat(f).extracting(Tensor::shape).containsExactly(new long[] {2, 64, 64, 64}, new long[] {2, 128, 32, 32},
                    new long[] {2, 256, 16, 16}, new long[] {2, 512, 8, 8}, new long[] {2, 512, 4, 4});
            f.forEach(t -> assertThat(Tensors.allFinite(t)).isTrue());
            assertThatThrownBy(() -> vgg.forward(image(2, 1, 8))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("H, W >= 16");
        }
    }

    @Test
    void randomIsTorchvisionsInitFromTheSeedAndRepeatable() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                Vgg19Features a = Vgg19Features.random(7);
                Vgg19Features b = Vgg19Features.random(7);
                Vgg19Features other = Vgg19Features.random(8, 1);
                Vgg19Features three = Vgg19Features.random(7, 3);
                Vgg19Features firstThree = a.firstSlices(3)) {
            Map<String, Tensor> sd = a.stateDict();
            assertThat(sd.keySet()).containsExactly("features.0.weight", "features.0.bias", "features.2.weight",
                    "features.2.bias", "features.5.weight", "features.5.bias", "features.7.weight", "features.7.bias",
                    "features.10.weight", "features.10.bias", "features.12.weight", "features.12.bias",
                    "features.14.weight", "features.14.bias", "features.16.weight", "features.16.bias",
                    "features.19.weight", "features.19.bias", "features.21.weight", "features.21.bias",
                    "features.23.weight", "features.23.bias", "features.25.weight", "features.25.bias",
                    "features.28.weight", "features.28.bias");
            // Kaiming-normal, fan_out = 9·C_out, ReLU gain: std sqrt(2 / (9·C_out)); the sample std of n draws is
            // off by about 1/sqrt(2n) relative (3.5% for the 1728 weights of conv1_1, 0.05% for conv5_1): 6 σ
            for (String conv : List.of("features.0", "features.12", "features.28")) {
                Tensor wt = sd.get(conv + ".weight");
                double n = wt.numel();
                double want = Math.sqrt(2.0 / (9.0 * wt.size(0)));
                assertThat(wt.std().item_double()).as(conv).isCloseTo(want, within(6 * want / Math.sqrt(2 * n)));
                assertThat(wt.mean().item_double()).as(conv).isCloseTo(0, within(6 * want / Math.sqrt(n)));
                assertThat(Tensors.floats(sd.get(conv + ".bias"))).containsOnly(0f);
            }
            // The default network must not change under users: seed 7's first weights, the same under the avx512,
            // avx2 and scalar kernel sets (drawn in float64 and rounded); within an ulp of float32
            float[] first = Tensors.floats(sd.get("features.0.weight"));
            float[] pinned = {0.0039048523f, 0.0027690039f, 0.10821908f};
            for (int i = 0; i < 3; i++) {
                assertThat(first[i]).isCloseTo(pinned[i], within(Math.ulp(pinned[i])));
            }
            Tensor x = image(3, 1, 16);
            List<Tensor> fa = a.forward(x);
            List<Tensor> fb = b.forward(x);
            List<Tensor> fo = other.forward(x);
            List<Tensor> f3 = three.forward(x);
            List<Tensor> ff3 = firstThree.forward(x);
            assertThat(f3).hasSize(3);
            assertThat(ff3).hasSize(3);
            for (int k = 0; k < 5; k++) {
                assertThat(torch.equal(fb.get(k), fa.get(k))).as("same seed, slice " + (k + 1)).isTrue();
            }
            assertThat(torch.equal(fo.get(0), fa.get(0))).as("another seed").isFalse();
            for (int k = 0; k < 3; k++) {
                assertThat(torch.equal(f3.get(k), fa.get(k))).as("random(7, 3), slice " + (k + 1)).isTrue();
                assertThat(torch.equal(ff3.get(k), fa.get(k))).as("firstSlices(3), slice " + (k + 1)).isTrue();
            }
            assertThat(three.stateDict()).hasSize(10);
            assertThatThrownBy(() -> three.firstSlices(4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Vgg19Features.random(7, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void loadsATorchvisionStateDictFileIgnoringLaterConvsAndTheClassifier() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> w = RandomVgg19.weights(5);
            Map<String, Tensor> file = new LinkedHashMap<>(w);
            file.put("classifier.0.weight", torch.randn(5, 7)); // torchvision's head, ignored
            Path f = tmp.resolve("vgg19.pt");
            PtFile.save(f, StateDict.of(file));
            Tensor x = image(6, 1, 16);
            try (Vgg19Features loaded = Vgg19Features.load(f); Vgg19Features inMemory = Vgg19Features.of(w, "w")) {
                List<Tensor> a = loaded.forward(x);
                List<Tensor> b = inMemory.forward(x);
                for (int k = 0; k < 5; k++) {
                    assertThat(torch.equal(a.get(k), b.get(k))).as("slice " + (k + 1)).isTrue();
                }
            }
        }
    }

    @Test
    void badFilesFailWithOneLineNamingTheProblem() {
        try (Scope s = new Scope()) {
            Map<String, Tensor> w = RandomVgg19.weights(5);
            // a file with the first two convs only (small): the rest is missing
            Map<String, Tensor> partial = new LinkedHashMap<>();
            for (String k : List.of("features.0.weight", "features.0.bias", "features.2.weight", "features.2.bias")) {
                partial.put(k, w.get(k));
            }
            assertLoadFails("partial.pt", StateDict.of(partial),
                    "partial.pt does not fit torchvision's vgg19: missing [features.5.weight, features.5.bias,");
            // a wrong shape
            partial.put("features.2.weight", torch.zeros(64, 3, 3, 3));
            assertLoadFails("wrong.pt", StateDict.of(partial),
                    "wrong shapes [features.2.weight [64, 3, 3, 3] (expected [64, 64, 3, 3])]");
            // other keys only, a tensor, a dict without tensors
            assertLoadFails("other.pt", StateDict.of(Map.of("conv.weight", torch.zeros(2))),
                    "other.pt is not a VGG19 state dict: it has neither torchvision's features.N.weight nor CoCosNet's"
                            + " convI_J.weight keys (its keys are [conv.weight])");
            assertLoadFails("tensor.pt", torch.zeros(3), "tensor.pt is not a torchvision VGG19 state dict (it holds no dict of tensors)");
            assertLoadFails("strings.pt", Map.of("a", "b"), "strings.pt is not a torchvision VGG19 state dict (its keys are [a])");
            assertThatThrownBy(() -> Vgg19Features.load(tmp.resolve("none.pth"))).isInstanceOf(Gan4jException.class)
                    .hasMessageStartingWith("VGG19 weights not found: " + tmp.resolve("none.pth"));
            // a VGG16 state dict in memory: named as such
            assertThatThrownBy(() -> Vgg19Features.of(RandomVgg16.weights(1), "vgg16.pth")).isInstanceOf(Gan4jException.class)
                    .hasMessageStartingWith("vgg16.pth does not fit torchvision's vgg19: missing [features.16.weight")
                    .hasMessageEndingWith("(a vgg16 file? VGG19 is needed here)");
        }
    }

    private void assertLoadFails(String name, Object content, String message) {
        Path f = tmp.resolve(name);
        PtFile.save(f, content);
        assertThatThrownBy(() -> Vgg19Features.load(f)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void cocosTapsAreTheSecondReluOfEachBlockAndBothLayoutsLoadTheSameConvs() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> w = RandomVgg19.weights(5);
            Tensor x = image(3, 1, 32);
            List<Tensor> want = torchvisionLayers(w, x);
            // relu1_2, relu2_2, relu3_2, relu4_2, relu5_2 are torchvision's features[3], [8], [13], [22], [31]
            int[] layer = {3, 8, 13, 22, 31};
            // the same weights under CoCosNet's vgg19_conv.pth names
            String[] names = {"conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv3_4",
                "conv4_1", "conv4_2", "conv4_3", "conv4_4", "conv5_1", "conv5_2", "conv5_3", "conv5_4"};
            int[] index = {0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34};
            Map<String, Tensor> caffe = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                caffe.put(names[i] + ".weight", w.get("features." + index[i] + ".weight"));
                caffe.put(names[i] + ".bias", w.get("features." + index[i] + ".bias"));
            }
            assertThat(Vgg19Features.layoutOf(w)).isEqualTo(Vgg19Features.Layout.TORCHVISION);
            assertThat(Vgg19Features.layoutOf(caffe)).isEqualTo(Vgg19Features.Layout.CAFFE);
            try (Vgg19Features a = Vgg19Features.of(w, "torchvision"); Vgg19Features b = Vgg19Features.of(caffe, "caffe")) {
                List<Tensor> ga = a.taps(x, Vgg19Features.COCOS_TAPS);
                List<Tensor> gb = b.taps(x, Vgg19Features.COCOS_TAPS);
                for (int k = 0; k < 5; k++) {
                    assertThat(torch.equal(ga.get(k), want.get(layer[k]))).as("tap " + k).isTrue();
                    assertThat(torch.equal(gb.get(k), want.get(layer[k]))).as("caffe tap " + k).isTrue();
                }
            }
            // without conv5_2 the SPADE slices still load, and relu5_2 is refused with a reason
            Map<String, Tensor> short13 = new LinkedHashMap<>(w);
            short13.remove("features.30.weight");
            short13.remove("features.30.bias");
            try (Vgg19Features c = Vgg19Features.of(short13, "13 convs")) {
                assertThat(c.forward(x)).hasSize(5);
                assertThatThrownBy(() -> c.taps(x, Vgg19Features.COCOS_TAPS)).isInstanceOf(Gan4jException.class)
                        .hasMessageContaining("conv5_2");
            }
        }
    }

    @Test
    void randomConvsExtendTheSameDraws() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                Vgg19Features a = Vgg19Features.random(7);
                Vgg19Features b = Vgg19Features.randomConvs(7, 14)) {
            Map<String, Tensor> sa = a.stateDict();
            Map<String, Tensor> sb = b.stateDict();
            assertThat(sb).hasSize(sa.size() + 2).containsKey("features.30.weight");
            sa.forEach((k, v) -> assertThat(torch.equal(v, sb.get(k))).as(k).isTrue());
        }
    }
}
