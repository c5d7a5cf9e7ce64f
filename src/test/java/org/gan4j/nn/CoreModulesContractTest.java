package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module contract for Conv2d, BatchNorm2d (in place and with deferred RunningStats) and Vgg16Features. */
class CoreModulesContractTest {

    @TempDir
    Path tmp;

    private static Tensor input(long... shape) {
        torch.manual_seed(7);
        return torch.randn(shape).mul(new Scalar(2)).add(new Scalar(0.5)); // mean and variance away from 0 and 1
    }

    @Test
    void conv2d() throws Exception {
        Tensor x = input(2, 3, 8, 8);
        ModuleContract.check(() -> new Conv2d(3, 4, 3), m -> m.forward(x), 2, 4, 6, 6);
        ModuleContract.check(() -> new Conv2d(3, 4, 3, 2, 1, false), m -> m.forward(x), 2, 4, 4, 4);
        assertThat(new Conv2d(3, 4, 3).stateDict().keySet()).containsExactly("weight", "bias");
    }

    @Test
    void batchNorm2d() throws Exception {
        Tensor x = input(3, 4, 5, 5);
        ModuleContract.check(() -> new BatchNorm2d(4), m -> m.forward(x), 3, 4, 5, 5);
        ModuleContract.check(() -> new BatchNorm2d(4), m -> {
            try (RunningStats r = RunningStats.record()) {
                Tensor y = m.forward(x);
                r.apply();
                return y;
            }
        }, 3, 4, 5, 5);
        assertThat(new BatchNorm2d(4).stateDict().keySet())
                .containsExactly("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    }

    @Test
    void runningAveragesFollowPytorchsFormulaInPlaceAndDeferred() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            BatchNorm2d inPlace = new BatchNorm2d(4);
            BatchNorm2d deferred = new BatchNorm2d(4);
            double[] mean = new double[4];
            double[] var = {1, 1, 1, 1};
            for (int step = 0; step < 3; step++) {
                Tensor x = input(3, 4, 5, 5).add(new Scalar(step));
                Tensor a = inPlace.forward(x);
                Tensor b;
                try (RunningStats r = RunningStats.record()) {
                    b = deferred.forward(x);
                    assertThat(r.size()).isEqualTo(1);
                    r.apply();
                }
                assertThat(Tensors.floats(b)).as("deferred output, step " + step).containsExactly(Tensors.floats(a));
                // By hand, in double: running = 0.9·running + 0.1·batch, the variance unbiased (n = 75 per channel).
                float[] xs = Tensors.floats(x.transpose(0, 1).contiguous()); // [C, N·H·W]
                int n = 75;
                for (int c = 0; c < 4; c++) {
                    double m = 0;
                    double sq = 0;
                    for (int i = 0; i < n; i++) {
                        m += xs[c * n + i];
                    }
                    m /= n;
                    for (int i = 0; i < n; i++) {
                        sq += (xs[c * n + i] - m) * (xs[c * n + i] - m);
                    }
                    mean[c] = 0.9 * mean[c] + 0.1 * m;
                    var[c] = 0.9 * var[c] + 0.1 * sq / (n - 1);
                }
                // float32 statistics: the batch mean and variance and a few multiply-adds each carry a relative
                // rounding of ~2^-24 times the magnitudes involved (here up to ~|x|max ≈ 10), so 1e-5 absolute
                // is a few dozen ulps of slack while a wrong momentum or a biased variance is off by > 1e-2.
                for (BatchNorm2d bn : List.of(inPlace, deferred)) {
                    String what = (bn == inPlace ? "in place" : "deferred") + ", step " + step;
                    float[] rm = Tensors.floats(bn.runningMean);
                    float[] rv = Tensors.floats(bn.runningVar);
                    for (int c = 0; c < 4; c++) {
                        assertThat((double) rm[c]).as("running_mean " + what).isCloseTo(mean[c], org.assertj.core.api.Assertions.within(1e-5));
                        assertThat((double) rv[c]).as("running_var " + what).isCloseTo(var[c], org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, var[c])));
                    }
                    assertThat(bn.numBatchesTracked.item_long()).as("num_batches_tracked " + what).isEqualTo(step + 1);
                }
            }
        }
    }

    /** Vgg16Features is no Module (frozen, built from a state dict, no train mode): shape, determinism and file round trip. */
    @Test
    @Tag("slow")
    void vgg16Features() throws Exception {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = input(1, 3, 16, 16);
            Map<String, Tensor> w = withRandomBiases(RandomVgg16.weights(3));
            List<Tensor> a = Vgg16Features.of(w, "seed 3").forward(x);
            assertThat(a).extracting(Tensor::shape).containsExactly(new long[] {1, 64, 16, 16},
                    new long[] {1, 128, 8, 8}, new long[] {1, 256, 4, 4}, new long[] {1, 512, 2, 2}, new long[] {1, 512, 1, 1});
            // Its weights come from the file, not from a seed: the same weights give the same output.
            List<Tensor> again = Vgg16Features.of(w, "the same weights").forward(x);
            Map<String, Tensor> file = new LinkedHashMap<>(w);
            file.put("classifier.0.weight", torch.randn(5, 7)); // torchvision's head, which load ignores
            Path f = tmp.resolve("vgg16.pt");
            PtFile.save(f, StateDict.of(file));
            List<Tensor> loaded = Vgg16Features.load(f).forward(x);
            for (int i = 0; i < 5; i++) {
                assertThat(Tensors.allFinite(a.get(i))).isTrue();
                assertThat(Tensors.floats(again.get(i))).as("same seed, tap " + i).containsExactly(Tensors.floats(a.get(i)));
                assertThat(Tensors.floats(loaded.get(i))).as("saved and loaded, tap " + i).containsExactly(Tensors.floats(a.get(i)));
            }
            assertThat(Files.size(f)).isPositive();
        }
    }

    private static Map<String, Tensor> withRandomBiases(Map<String, Tensor> w) {
        w.replaceAll((k, v) -> k.endsWith(".bias") ? torch.randn(v.size(0)).mul(new Scalar(0.1)) : v);
        return w;
    }
}
