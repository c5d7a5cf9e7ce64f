package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Attention;
import org.gan4j.nn.ModuleContract;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.PositionalNorm;
import org.gan4j.nn.Prelu;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** The module contract, and the official key layout, for CoCosNet's networks and the layers they add to nn/. */
class CocosModulesContractTest {

    private static Tensor input(long... shape) {
        torch.manual_seed(7);
        return torch.randn(shape);
    }

    private static Tensor labels(int n, int nc, int h, int w) {
        torch.manual_seed(8);
        Tensor ids = torch.randint(nc, new long[] {n, h, w});
        return torch.one_hot(ids, nc).permute(0, 3, 1, 2).to(torch.ScalarType.Float);
    }

    private static final CocosNets TINY = CocosNets.ade20k(4).withSize(64).withGeneratorWidth(4);

    @Test
    void correspondenceAndItsParts() throws Exception {
        Tensor seg = labels(2, 4, 32, 32);
        Tensor ref = input(2, 3, 32, 32); // the correspondence takes any multiple of 4
        ModuleContract.check(() -> new DomainAdaptor(4, 64, 4, NonSpadeNorm.SPECTRAL_INSTANCE, TINY.spadeNorm()),
                m -> m.forward(seg), 2, 256, 8, 8);
        ModuleContract.check(() -> new CorrResidualBlock(6), m -> m.forward(input(2, 6, 5, 7)), 2, 6, 5, 7);
        ModuleContract.check(() -> new Correspondence(TINY), m -> m.forward(ref, seg, seg).warpOut(), 2, 3, 32, 32);
        assertThat(new Correspondence(TINY).stateDict().keySet()).contains("adaptive_model_seg.layer1.0.weight_orig",
                "adaptive_model_img.head_0.norm_0.mlp_shared.1.weight", "layer.3.prelu.weight", "layer.0.conv1.bias",
                "theta.weight", "phi.bias").noneMatch(k -> k.contains("mlp_shared.0") || k.contains("layer1.0.bias"));
    }

    @Test
    void generatorWithAttention() throws Exception {
        Tensor c = torch.cat(new org.bytedeco.pytorch.TensorVector(input(2, 3, 64, 64), labels(2, 4, 64, 64)), 1);
        ModuleContract.check(() -> new CocosGenerator(TINY), m -> m.forward(c), 2, 3, 64, 64);
        assertThat(new CocosGenerator(TINY).stateDict().keySet()).contains("fc.weight", "attn.gamma",
                "attn.theta.weight_orig", "up_3.norm_s.mlp_shared.1.weight", "conv_img.bias")
                .noneMatch(k -> k.contains("param_free_norm"));
        assertThat(new CocosGenerator(TINY).forward(torch.cat(new org.bytedeco.pytorch.TensorVector(
                input(1, 3, 64, 96), labels(1, 4, 64, 96)), 1)).shape()).containsExactly(1, 3, 64, 96);
        assertThatThrownBy(() -> new CocosGenerator(TINY).forward(input(1, 7, 32, 32)))
                .hasMessageContaining("32x32").hasMessageContaining("64");
    }

    @Test
    void discriminatorWithAttentionAndTheOfficialKeys() throws Exception {
        Tensor x = input(2, 7, 64, 64);
        ModuleContract.check(() -> {
            org.gan4j.nn.MultiscaleDiscriminator d = new org.gan4j.nn.MultiscaleDiscriminator(2, 7, 4, 4,
                    NonSpadeNorm.SPECTRAL_INSTANCE, org.gan4j.nn.PatchGan.cocosnet(true, 4));
            try (NoGrad ng = new NoGrad()) { // γ = 0 at initialisation would hide the attention from the contract
                d.stateDict().forEach((k, v) -> {
                    if (k.endsWith("attn.gamma")) {
                        v.fill_(new Scalar(0.5));
                    }
                });
            }
            return d;
        }, m -> m.forward(x).get(1).get(4), 2, 1, 2, 2);
        // padding 1: 64 → 32 → 16 → 8 → 7 → 6 at the first scale; attn and dec registered before the groups
        try (Scope s = new Scope(); org.gan4j.nn.MultiscaleDiscriminator d = new org.gan4j.nn.MultiscaleDiscriminator(2, 7,
                4, 4, NonSpadeNorm.SPECTRAL_INSTANCE, org.gan4j.nn.PatchGan.cocosnet(true, 4))) {
            assertThat(d.forward(x).get(0).get(4).shape()).containsExactly(2, 1, 6, 6);
            assertThat(d.stateDict().keySet()).startsWith("discriminator_0.attn.gamma").contains(
                    "discriminator_0.dec.1.0.weight_orig", "discriminator_0.dec.7.0.weight_v", "discriminator_0.dec.9.bias",
                    "discriminator_1.model3.0.0.weight_orig", "discriminator_1.model4.0.bias");
        }
    }

    @Test
    void attentionStartsAsTheIdentityAndPositionalNormNormalisesAcrossChannels() throws Exception {
        Tensor x = input(2, 16, 6, 8);
        ModuleContract.check(() -> {
            Attention a = new Attention(16, true);
            try (NoGrad ng = new NoGrad()) {
                a.gamma.fill_(new Scalar(0.5)); // γ = 0 at initialisation would hide the attention from the contract
            }
            return a;
        }, m -> m.forward(x), 2, 16, 6, 8);
        try (Scope s = new Scope(); Attention a = new Attention(16, false)) {
            assertThat(a.forward(x).sub(x).abs().max().item_double()).isZero(); // γ = 0 at initialisation
        }
        ModuleContract.check(Prelu::new, m -> m.forward(x), 2, 16, 6, 8);
        try (Scope s = new Scope()) {
            Tensor y = PositionalNorm.apply(x.mul(new Scalar(3)).add(new Scalar(1)));
            assertThat(y.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).abs().max().item_double())
                    .isLessThan(1e-5);
            // unbiased variance across 16 channels: Σ y² = 15 · var / (var + eps) ≈ 15
            assertThat(y.square().sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).sub(
                    new Scalar(15.0)).abs().max().item_double()).isLessThan(1e-3);
        }
    }
}
