package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModuleContract;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Test;

/** The dSprites GAN's networks: the module contract, the official key names, conv outputs as the forward computes them. */
class OrojarNetworksTest {

    static final DspritesNets TINY = new DspritesNets(3, 1, 2);

    @Test
    void moduleContract() throws Exception {
        try (Scope s = new Scope()) {
            Seeds.seed(1);
            Tensor z = torch.randn(2, 3);
            Tensor x = torch.randn(2, 1, 64, 64);
            ModuleContract.check(() -> new DspritesGenerator(TINY), g -> g.forward(z), 2, 1, 64, 64);
            ModuleContract.check(() -> new DspritesDiscriminator(TINY), d -> d.forward(x), 2, 1);
        }
    }

    @Test
    void officialKeysAndShapes() {
        try (Scope s = new Scope(); DspritesGenerator g = new DspritesGenerator(DspritesNets.official());
                DspritesDiscriminator d = new DspritesDiscriminator(DspritesNets.official())) {
            assertThat(g.stateDict().keySet()).containsExactly("layers.0.layers.conv.weight", "layers.0.layers.conv.bias",
                    "layers.1.layers.conv.weight", "layers.1.layers.instancenorm.weight", "layers.1.layers.instancenorm.bias",
                    "layers.2.layers.conv.weight", "layers.2.layers.instancenorm.weight", "layers.2.layers.instancenorm.bias",
                    "layers.3.layers.conv.weight", "layers.3.layers.instancenorm.weight", "layers.3.layers.instancenorm.bias",
                    "layers.4.layers.conv.weight", "layers.4.layers.instancenorm.weight", "layers.4.layers.instancenorm.bias",
                    "layers.5.layers.conv.weight", "layers.5.layers.conv.bias");
            assertThat(g.stateDict().get("layers.0.layers.conv.weight").shape()).containsExactly(6, 512, 4, 4);
            assertThat(g.stateDict().get("layers.4.layers.conv.weight").shape()).containsExactly(64, 64, 4, 4);
            assertThat(d.stateDict().keySet()).contains("encoder.0.layers.conv.bias", "encoder.3.layers.instancenorm.weight",
                    "fc.0.layers.conv.weight", "fc.1.layers.conv.bias");
            assertThat(d.stateDict().get("fc.0.layers.conv.weight").shape()).containsExactly(512, 8192);
        }
    }

    @Test
    void convOutputsStopAtTheLastChosenBlockAndMatchTheForward() {
        try (Scope s = new Scope(); DspritesGenerator g = new DspritesGenerator(TINY)) {
            Tensor z = torch.randn(2, 3);
            List<Tensor> all = g.convOutputs(z, List.of(0, 1, 2, 3, 4, 5));
            assertThat(all).hasSize(6);
            assertThat(all.get(3).shape()).containsExactly(2, 2, 32, 32);
            assertThat(torch.tanh(all.get(5)).sub(g.forward(z)).abs().max().item_double()).isLessThan(1e-6);
            List<Tensor> some = g.convOutputs(z, List.of(1, 3));
            assertThat(some.get(1).sub(all.get(3)).abs().max().item_double()).isZero();
        }
    }
}
