package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModuleContract;
import org.junit.jupiter.api.Test;

/** The module contract (shape, seed, train/eval with BatchNorm, save/load) for SinGAN's generator, critic and blocks. */
class ModulesContractTest {

    private static Tensor randn(long... shape) {
        torch.manual_seed(3);
        return torch.randn(shape);
    }

    @Test
    void blocks() throws Exception {
        Tensor x = randn(2, 3, 12, 12);
        Tensor h = randn(2, 8, 12, 12);
        ModuleContract.check(() -> new ConvBlock(3, 8, 3), m -> m.forward(x), 2, 8, 10, 10);
        ModuleContract.check(() -> new Trunk(8, 4, 3, 5), m -> m.forward(h), 2, 4, 6, 6); // 8 -> 4 -> 4 -> 4 channels
        ModuleContract.check(() -> new Generator.Tail(8, 3), m -> m.forward(h), 2, 3, 10, 10);
        assertThat(new ConvBlock(3, 8, 3).stateDict().keySet()).containsExactly("conv.weight", "conv.bias", "norm.weight",
                "norm.bias", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked");
    }

    @Test
    void generatorAndDiscriminator() throws Exception {
        Tensor prev = randn(1, 3, 20, 24); // x̃↑ padded by 5 on each side: five 3x3 convolutions take 10 px off
        Tensor noisy = prev.add(randn(1, 3, 20, 24).mul(new org.bytedeco.pytorch.Scalar(0.1)));
        ModuleContract.check(() -> new Generator(8, 8, 3, 5), g -> g.forward(noisy, prev), 1, 3, 10, 14);
        ModuleContract.check(() -> new Discriminator(8, 8, 3, 5), d -> d.forward(prev), 1, 1, 10, 14);
        ModuleContract.check(() -> new Discriminator(16, 8, 3, 4), d -> d.forward(prev), 1, 1, 12, 16);
    }
}
