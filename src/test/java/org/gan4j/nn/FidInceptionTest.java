package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FID InceptionV3 against pytorch-fid on generated weights (parity/fid/README.md), its keys, its file errors. */
class FidInceptionTest {

    /**
     * Relative tolerance of the outputs against pytorch-fid's, as a fraction of each output's largest magnitude: 94
     * float32 convolutions in sequence (sums of up to 2048·9 terms), each side's kernels summing in their own
     * order; a worst-case bound over that depth is loose, so this follows docs/architecture.md for deep networks:
     * measured against the fixture's torch 1.13, libtorch 2.10 here was off by at most 4.5e-7 of the scale under
     * each kernel set of bin/test-kernels (avx512 3.0e-7, avx2 3.6e-7, scalar default 4.5e-7, pool3; the block
     * means less), and 1e-5 leaves a margin of twenty. A wrong pooling is far outside it: count_include_pad=True in
     * the A/C/E_1 blocks fails block 2, average instead of max pooling in Mixed_7c moves pool3 by 0.26.
     */
    static final double REL = 1e-5;

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture() throws Exception {
        Path p = Path.of(FidInceptionTest.class.getResource("/parity/fid/fid.pt").toURI());
        return (Map<String, Object>) PtFile.load(p);
    }

    static double relError(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double scale = torch.max(torch.abs(expected)).item_double();
        return torch.max(torch.abs(actual.sub(expected))).item_double() / scale;
    }

    @Test
    void keysAndShapesArePytorchFids() throws Exception {
        Map<String, long[]> theirs = new LinkedHashMap<>();
        FidWeights.pytorchFidKeys().forEach((k, v) -> {
            if (FidWeights.used(k)) {
                theirs.put(k, v);
            }
        });
        Map<String, long[]> ours = FidInception.expectedKeys();
        assertThat(ours.keySet()).containsExactlyElementsOf(theirs.keySet());
        ours.forEach((k, v) -> assertThat(v).as(k).containsExactly(theirs.get(k)));
        assertThat(FidInception.convs()).hasSize(94);
        // what is ignored: the 1008-class fc and the BatchNorm counters
        assertThat(FidWeights.pytorchFidKeys().keySet()).filteredOn(k -> !FidWeights.used(k))
                .allMatch(k -> k.startsWith("fc.") || k.endsWith(".bn.num_batches_tracked"));
    }

    @Test
    void matchesPytorchFidOnGeneratedWeights() throws Exception {
        Map<String, Object> f = fixture();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> w = FidWeights.stateDict();
            // the weights first, apart from the network: float64 sums of every tensor, as the script computed them
            Tensor sums = (Tensor) f.get("weight_sums");
            List<Tensor> ts = new ArrayList<>(w.values());
            assertThat((long) ts.size()).isEqualTo(sums.size(0));
            for (int k = 0; k < ts.size(); k++) {
                // float64 sums of the same float32 values in another order: equal to ~1e-16 of the sum of |x|
                double want = sums.select(0, k).item_double();
                double mine = ts.get(k).to(torch.ScalarType.Double).sum().item_double();
                double sumAbs = ts.get(k).to(torch.ScalarType.Double).abs().sum().item_double();
                assertThat(Math.abs(mine - want)).as("weights of tensor " + k).isLessThanOrEqualTo(1e-12 * sumAbs);
            }
            try (FidInception net = FidInception.of(w, "generated weights")) {
                Tensor x = (Tensor) f.get("input");
                List<Tensor> blocks = net.blocks(x, 3);
                assertThat(blocks.get(0).shape()).containsExactly(2, 64, 73, 73);
                assertThat(blocks.get(1).shape()).containsExactly(2, 192, 35, 35);
                assertThat(blocks.get(2).shape()).containsExactly(2, 768, 17, 17);
                assertThat(blocks.get(3).shape()).containsExactly(2, FidInception.FEATURES);
                long[] hw = {2, 3};
                for (int b = 0; b < 3; b++) {
                    Tensor mean = blocks.get(b).mean(hw, false, new org.bytedeco.pytorch.ScalarTypeOptional());
                    assertThat(relError(mean, (Tensor) f.get("block" + b + "_mean"))).as("block " + b)
                            .isLessThanOrEqualTo(REL);
                }
                Tensor pool3 = (Tensor) f.get("pool3");
                assertThat(relError(blocks.get(3), pool3)).as("pool3").isLessThanOrEqualTo(REL);
                assertThat(relError(net.features(x), pool3)).as("features()").isLessThanOrEqualTo(REL);
                // the two inputs (noise, a smooth pattern) give clearly different features: the input matters
                assertThat(relError(pool3.select(0, 0), pool3.select(0, 1))).isGreaterThan(0.1);
            }
        }
    }

    @Test
    void fileErrorsAreOneLine() throws Exception {
        assertThatThrownBy(() -> FidInception.load(tmp.resolve("pt_inception.pth"))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("FID Inception weights not found").hasMessageContaining("pt_inception.pth")
                .hasMessageNotContaining("\n");

        Path text = tmp.resolve("notes.pth");
        Files.writeString(text, "not a checkpoint");
        assertThatThrownBy(() -> FidInception.load(text)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("notes.pth").hasMessageNotContaining("\n");

        try (Scope s = new Scope()) {
            Path vgg = tmp.resolve("vgg.pth");
            Map<String, Tensor> v = new LinkedHashMap<>();
            v.put("features.0.weight", torch.zeros(64, 3, 3, 3));
            v.put("features.0.bias", torch.zeros(64));
            PtFile.save(vgg, StateDict.of(v));
            assertThatThrownBy(() -> FidInception.load(vgg)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("is not the FID Inception state dict").hasMessageContaining("features.0.weight")
                    .hasMessageNotContaining("\n");

            Map<String, Tensor> w = new LinkedHashMap<>();
            FidInception.expectedKeys().forEach((k, shape) -> w.put(k, torch.zeros(shape)));
            w.remove("Mixed_6b.branch7x7_2.bn.running_var");
            w.put("Mixed_7c.branch_pool.conv.weight", torch.zeros(192, 2048, 3, 3));
            Path broken = tmp.resolve("broken.pth");
            PtFile.save(broken, StateDict.of(w));
            assertThatThrownBy(() -> FidInception.load(broken)).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("does not fit the FID InceptionV3")
                    .hasMessageContaining("missing 1 keys [Mixed_6b.branch7x7_2.bn.running_var]")
                    .hasMessageContaining("Mixed_7c.branch_pool.conv.weight [192, 2048, 3, 3] (expected [192, 2048, 1, 1])")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void loadsAStateDictFileWithFcAndCounters() throws Exception {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> w = new LinkedHashMap<>();
            FidInception.expectedKeys().forEach((k, shape) -> w.put(k, k.endsWith("running_var") ? torch.ones(shape)
                    : torch.zeros(shape)));
            w.put("Conv2d_1a_3x3.bn.num_batches_tracked", torch.zeros(new long[0], new org.bytedeco.pytorch.TensorOptions(
                    torch.ScalarType.Long)));
            w.put("fc.weight", torch.zeros(1008, 2048));
            w.put("fc.bias", torch.zeros(1008));
            Path file = tmp.resolve("zeros.pth");
            PtFile.save(file, StateDict.of(w));
            try (FidInception net = FidInception.load(file)) {
                Tensor f = net.features(torch.rand(1, 3, 20, 30));
                assertThat(f.shape()).containsExactly(1, FidInception.FEATURES);
                // zero convolutions and zero BatchNorm bias: every feature is 0
                assertThat(Tensors.floats(f)).containsOnly(0f);
                assertThatThrownBy(() -> net.features(torch.rand(1, 1, 20, 30)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N,3,H,W]");
            }
        }
    }
}
