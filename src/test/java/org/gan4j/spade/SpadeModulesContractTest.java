package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModuleContract;
import org.gan4j.nn.NonSpadeNorm;
import org.junit.jupiter.api.Test;

/** The module contract over SPADE's generator (label-map and style-code input) and style encoder. */
class SpadeModulesContractTest {

    private static Tensor labels(int n, int nc, int h, int w) {
        torch.manual_seed(8);
        Tensor ids = torch.randint(nc, new long[] {n, h, w});
        return torch.one_hot(ids, nc).permute(0, 3, 1, 2).to(torch.ScalarType.Float);
    }

    static SpadeNets tiny(int labelNc) {
        return SpadeNets.defaults(labelNc).withWidths(2, 4).withCrop(32, 1.0, Upsampling.NORMAL);
    }

    @Test
    void generatorFromTheLabelMap() throws Exception {
        Tensor seg = labels(2, 4, 32, 32);
        ModuleContract.check(() -> new SpadeGenerator(tiny(4)), g -> g.forward(seg, null), 2, 3, 32, 32);
        assertThat(new SpadeGenerator(tiny(4)).stateDict()).containsKeys("fc.weight", "head_0.conv_0.weight_orig",
                "G_middle_1.norm_1.param_free_norm.running_var", "up_3.conv_s.weight_orig", "conv_img.weight");
    }

    @Test
    void generatorFromAStyleCodeAtTheLabelMapsSize() throws Exception {
        Tensor seg = labels(2, 4, 128, 256);
        torch.manual_seed(3);
        Tensor z = torch.randn(2, 256);
        SpadeNets ok = tiny(4).withVae(true).withCrop(256, 2.0, Upsampling.MOST); // sw 2, sh 1
        ModuleContract.check(() -> new SpadeGenerator(ok), g -> g.forward(seg, z), 2, 3, 128, 256);
        Tensor other = labels(1, 4, 256, 512);
        ModuleContract.check(() -> new SpadeGenerator(ok), g -> g.forward(other, z.narrow(0, 0, 1)), 1, 3, 256, 512);
        assertThat(new SpadeGenerator(ok).stateDict()).containsKeys("fc.weight", "up_4.conv_0.weight_orig");
    }

    @Test
    void styleEncoder() throws Exception {
        torch.manual_seed(4);
        Tensor x = torch.rand(2, 3, 64, 64).mul(org.gan4j.torch.Tensors.s(2.0)).sub(org.gan4j.torch.Tensors.s(1.0));
        ModuleContract.check(() -> new ConvEncoder(2, 64, NonSpadeNorm.SPECTRAL_INSTANCE), e -> {
            ConvEncoder.Posterior p = e.forward(x);
            return torch.cat(new org.bytedeco.pytorch.TensorVector(p.mu(), p.logvar()), 1);
        }, 2, 512);
        assertThat(new ConvEncoder(2, 256, NonSpadeNorm.SPECTRAL_INSTANCE).stateDict()).containsKeys(
                "layer1.0.weight_orig", "layer6.0.weight_v", "fc_mu.weight", "fc_var.bias");
        assertThat(new ConvEncoder(2, 64, NonSpadeNorm.SPECTRAL_INSTANCE).inputSize()).isEqualTo(128);
    }
}
