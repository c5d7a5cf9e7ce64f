package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Contract tests (shape, seed determinism, save/load) for the StyleGAN-family layers, plus their keys. */
class StyleLayersContractTest {

    private static final List<Integer> K = List.of(1, 3, 3, 1);

    private static Tensor input(long... shape) {
        torch.manual_seed(99);
        return torch.randn(shape);
    }

    @Test
    void equalLinear() throws Exception {
        Tensor x = input(3, 6);
        ModuleContract.check(() -> new EqualLinear(6, 5, true, 0.5, 0.01, true), m -> m.forward(x), 3, 5);
        ModuleContract.check(() -> new EqualLinear(6, 5), m -> m.forward(x), 3, 5);
        assertThat(new EqualLinear(6, 5).stateDict().keySet()).containsExactly("weight", "bias");
    }

    @Test
    void equalConv2d() throws Exception {
        Tensor x = input(2, 3, 8, 8);
        ModuleContract.check(() -> new EqualConv2d(3, 4, 3, 1, 1, true), m -> m.forward(x), 2, 4, 8, 8);
        ModuleContract.check(() -> new EqualConv2d(3, 4, 3, 2, 0, false), m -> m.forward(x), 2, 4, 3, 3);
    }

    @Test
    void fusedLeakyReluAndPixelNorm() throws Exception {
        Tensor x = input(2, 4, 3, 3);
        ModuleContract.check(() -> new FusedLeakyReLU(4), m -> m.forward(x), 2, 4, 3, 3);
        ModuleContract.check(PixelNorm::new, m -> m.forward(x), 2, 4, 3, 3);
        assertThat(new FusedLeakyReLU(4).stateDict().keySet()).containsExactly("bias");
    }

    @Test
    void resamplingFilters() throws Exception {
        Tensor x = input(2, 3, 8, 8);
        ModuleContract.check(() -> new Blur(K, 2, 1, 1), m -> m.forward(x), 2, 3, 8, 8);
        ModuleContract.check(() -> new Upsample(K, 2), m -> m.forward(x), 2, 3, 16, 16);
        ModuleContract.check(() -> new Downsample(K, 2), m -> m.forward(x), 2, 3, 4, 4);
        assertThat(new Blur(K, 2, 1, 1).stateDict().keySet()).containsExactly("kernel");
    }

    @Test
    void modulatedConv2d() throws Exception {
        Tensor x = input(2, 4, 8, 8);
        Tensor s = input(2, 6);
        ModuleContract.check(() -> new ModulatedConv2d(4, 5, 3, 6, true, Resample.NONE, K), m -> m.forward(x, s), 2, 5, 8, 8);
        ModuleContract.check(() -> new ModulatedConv2d(4, 5, 3, 6, true, Resample.UP, K), m -> m.forward(x, s), 2, 5, 16, 16);
        ModuleContract.check(() -> new ModulatedConv2d(4, 5, 3, 6, true, Resample.DOWN, K), m -> m.forward(x, s), 2, 5, 4, 4);
        ModuleContract.check(() -> new ModulatedConv2d(4, 3, 1, 6, false, Resample.NONE, K), m -> m.forward(x, s), 2, 3, 8, 8);
        assertThat(new ModulatedConv2d(4, 5, 3, 6, true, Resample.UP, K).stateDict().keySet())
                .containsExactly("weight", "blur.kernel", "modulation.weight", "modulation.bias");
    }

    @Test
    void noiseInjectionAndConstantInput() throws Exception {
        Tensor x = input(2, 4, 8, 8);
        Tensor noise = input(2, 1, 8, 8);
        ModuleContract.check(() -> {
            NoiseInjection n = new NoiseInjection();
            Init.fill(n.weight, 0.5 + torch.rand(1).item_double());
            return n;
        }, m -> m.forward(x, noise), 2, 4, 8, 8);
        ModuleContract.check(() -> new ConstantInput(4, 4), m -> m.forward(3), 3, 4, 4, 4);
        assertThat(new ConstantInput(4, 4).stateDict().keySet()).containsExactly("input");
        assertThat(new NoiseInjection().stateDict().keySet()).containsExactly("weight");
    }
}
