package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The module contract, and the official key layout, for the layers SPADE and CoCosNet share. */
class SpadeLayersContractTest {

    private static Tensor input(long... shape) {
        torch.manual_seed(7);
        return torch.randn(shape).mul(new Scalar(2)).add(new Scalar(0.5));
    }

    private static Tensor labels(int n, int nc, int h, int w) {
        torch.manual_seed(8);
        Tensor ids = torch.randint(nc, new long[] {n, h, w});
        return torch.one_hot(ids, nc).permute(0, 3, 1, 2).to(torch.ScalarType.Float);
    }

    @Test
    void parameterFreeBatchNorm() throws Exception {
        Tensor x = input(3, 4, 5, 5);
        ModuleContract.check(() -> BatchNorm2d.parameterFree(4), m -> m.forward(x), 3, 4, 5, 5);
        assertThat(BatchNorm2d.parameterFree(4).stateDict().keySet())
                .containsExactly("running_mean", "running_var", "num_batches_tracked");
    }

    @Test
    void spadeLayerWithBatchAndInstanceNorm() throws Exception {
        Tensor x = input(2, 6, 8, 8);
        Tensor seg = labels(2, 5, 16, 16);
        ModuleContract.check(() -> new Spade(ParamFreeNorm.SYNCBATCH, 3, 6, 5), m -> m.forward(x, seg), 2, 6, 8, 8);
        ModuleContract.check(() -> new Spade(ParamFreeNorm.INSTANCE, 3, 6, 5), m -> m.forward(x, seg), 2, 6, 8, 8);
        assertThat(new Spade(ParamFreeNorm.SYNCBATCH, 3, 6, 5).stateDict().keySet()).containsExactly(
                "param_free_norm.running_mean", "param_free_norm.running_var", "param_free_norm.num_batches_tracked",
                "mlp_shared.0.weight", "mlp_shared.0.bias", "mlp_gamma.weight", "mlp_gamma.bias", "mlp_beta.weight",
                "mlp_beta.bias");
        assertThat(new Spade(ParamFreeNorm.INSTANCE, 3, 6, 5).stateDict()).doesNotContainKey("param_free_norm.running_mean");
    }

    @Test
    void spadeResnetBlockWithLearnedShortcut() throws Exception {
        Tensor x = input(2, 8, 8, 8);
        Tensor seg = labels(2, 5, 8, 8);
        ModuleContract.check(() -> new SpadeResnetBlock(8, 4, 5, NormG.DEFAULT), m -> m.forward(x, seg), 2, 4, 8, 8);
        ModuleContract.check(() -> new SpadeResnetBlock(8, 8, 5, NormG.parse("spadeinstance3x3")), m -> m.forward(x, seg),
                2, 8, 8, 8);
        assertThat(new SpadeResnetBlock(8, 4, 5, NormG.DEFAULT).stateDict().keySet()).contains("conv_0.weight_orig",
                "conv_0.weight_u", "conv_s.weight_orig", "norm_s.mlp_gamma.weight").doesNotContain("conv_s.bias");
        assertThat(new SpadeResnetBlock(8, 8, 5, NormG.DEFAULT).stateDict().keySet()).noneMatch(k -> k.startsWith("conv_s"));
    }

    @Test
    void multiscaleDiscriminatorReturnsEveryLayerAtEveryScale() throws Exception {
        Tensor x = input(2, 6, 32, 32);
        ModuleContract.check(() -> new MultiscaleDiscriminator(2, 6, 4, 4, NonSpadeNorm.SPECTRAL_INSTANCE), m -> {
            List<List<Tensor>> out = m.forward(x);
            assertThat(out).hasSize(2).allSatisfy(l -> assertThat(l).hasSize(5));
            // 4×4 convs, padding 2, strides 2, 2, 2, 1, 1: 32 → 17 → 9 → 5 → 6 → 7, and the pooled 16 → 9 → 5 → 3 → 4 → 5
            assertThat(out.get(0).get(4).shape()).containsExactly(2, 1, 7, 7);
            assertThat(out.get(0).get(1).shape()).containsExactly(2, 8, 9, 9);
            return out.get(1).get(4);
        }, 2, 1, 5, 5);
        assertThat(new MultiscaleDiscriminator(1, 6, 4, 4, NonSpadeNorm.SPECTRAL_INSTANCE).stateDict().keySet())
                .containsExactly("discriminator_0.model0.0.weight", "discriminator_0.model0.0.bias",
                        "discriminator_0.model1.0.0.weight_orig", "discriminator_0.model1.0.0.weight_u",
                        "discriminator_0.model1.0.0.weight_v", "discriminator_0.model2.0.0.weight_orig",
                        "discriminator_0.model2.0.0.weight_u", "discriminator_0.model2.0.0.weight_v",
                        "discriminator_0.model3.0.0.weight_orig", "discriminator_0.model3.0.0.weight_u",
                        "discriminator_0.model3.0.0.weight_v", "discriminator_0.model4.0.weight",
                        "discriminator_0.model4.0.bias");
    }

    @Test
    void fakeAndRealInOneBatchSplitIntoEachHalfsOwnPredictions() throws Exception {
        try (org.gan4j.torch.Scope s = new org.gan4j.torch.Scope(); org.gan4j.torch.NoGrad ng = new org.gan4j.torch.NoGrad();
                MultiscaleDiscriminator d = new MultiscaleDiscriminator(2, 6, 4, 3, NonSpadeNorm.SPECTRAL_INSTANCE)) {
            d.eval(); // instance norm is per sample: each half's outputs equal D on that half alone
            Tensor seg = labels(2, 3, 16, 16);
            Tensor fake = input(2, 3, 16, 16);
            Tensor real = input(2, 3, 16, 16).neg();
            MultiscaleDiscriminator.Predictions p = d.fakeAndReal(seg, fake, real);
            List<List<Tensor>> alone = d.forward(torch.cat(new org.bytedeco.pytorch.TensorVector(seg, real), 1));
            assertThat(p.fake()).hasSize(2);
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < alone.get(k).size(); i++) {
                    assertThat(p.real().get(k).get(i).sub(alone.get(k).get(i)).abs().max().item_double()).isLessThan(1e-5);
                }
            }
            assertThat(p.fake().get(1).get(3).sub(p.real().get(1).get(3)).abs().max().item_double()).isGreaterThan(1e-3);
        }
    }

    @Test
    void normTextsParseAsTheOfficialOptions() {
        assertThat(NormG.parse("spectralspadesyncbatch3x3")).isEqualTo(NormG.DEFAULT);
        assertThat(NormG.parse("spadeinstance5x5")).isEqualTo(new NormG(false, ParamFreeNorm.INSTANCE, 5));
        assertThat(NonSpadeNorm.parse("spectralinstance")).isEqualTo(NonSpadeNorm.SPECTRAL_INSTANCE);
        assertThat(NonSpadeNorm.parse("spectralnone")).isEqualTo(new NonSpadeNorm(true, false));
    }
}
