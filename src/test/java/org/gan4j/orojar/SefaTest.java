package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** SeFa against a hand-made modulation matrix, and the dSprites GAN's first-layer SeFa against the official gen_pairs.py. */
class SefaTest {

    @Test
    void styleganDirectionsAreTheEigenvectorsOfTheNormalisedModulations() {
        Seeds.seed(2);
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                Generator g = new Generator(Stylegan2Config.fast(8).withStyleDim(3).withNMlp(1).withChannels(1, 6, 16))) {
            // conv1's 4 input channels read w through rows that normalise to e1, e1, e2, e3 after any scaling:
            // rows 5·e1, 0.5·e1, −7·e2... give AᵀA = diag(2, 1, 1); with rows e1, e1, e1, e2: diag(3, 1, 0)
            Tensor m = g.conv1.conv.modulation.weight;
            assertThat(m.shape()).containsExactly(4, 3);
            m.copy_(Tensors.of(new float[] {5, 0, 0, 0.5f, 0, 0, 2, 0, 0, 0, -7, 0}, 4, 3));
            Directions d = Sefa.stylegan2(g, List.of(0), false);
            assertThat(d.values()[0]).isCloseTo(3f, within(1e-5f));
            assertThat(d.values()[1]).isCloseTo(1f, within(1e-5f));
            assertThat(d.values()[2]).isCloseTo(0f, within(1e-5f));
            float[] v = Tensors.floats(d.directions());
            assertThat(v).containsExactly(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, within(1e-5f));
            // a rotated matrix: directions are unit, orthogonal, signed by their largest entry
            Tensor r = torch.randn(4, 3);
            m.copy_(r);
            Directions e = Sefa.stylegan2(g, List.of(0), false);
            Tensor dd = e.directions();
            assertThat(dd.matmul(dd.t()).sub(torch.eye(3)).abs().max().item_double()).isLessThan(1e-5);
            for (int k = 0; k < 3; k++) {
                Tensor row = dd.get(k);
                assertThat(row.get(row.abs().argmax()).item_double()).isPositive();
            }
            // layers add their channels: two layers' rows stack
            Directions both = Sefa.stylegan2(g, List.of(0, 1), true);
            assertThat(both.count()).isEqualTo(3);
        }
    }

    @Test
    void dcganDirectionsMatchTheOfficialFirstLayerSvd() throws Exception {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                DspritesGenerator g = new DspritesGenerator(DspritesNets.official())) {
            OrojarParityTest.fill(g, "G");
            Map<String, Tensor> f = OrojarParityTest.load("sefa_dcgan.pt");
            Directions d = Sefa.dcgan(g);
            float[] sv = Tensors.floats(f.get("S"));
            for (int k = 0; k < 6; k++) {
                assertThat(Math.sqrt(d.values()[k])).isCloseTo(sv[k], within(1e-3 * sv[k]));
            }
            // torch.svd's V has the directions as columns, signs arbitrary
            Tensor v = f.get("V").t();
            for (int k = 0; k < 6; k++) {
                double dot = d.directions().get(k).dot(v.get(k)).item_double();
                assertThat(Math.abs(dot)).isCloseTo(1.0, within(1e-3));
            }
            // gen_pairs' new first layer is Vᵀ·W: with our (sign-fixed) directions it agrees row by row up to sign
            Tensor w = g.namedParameters().get("layers.0.layers.conv.weight").reshape(6, -1);
            Tensor mine = d.directions().matmul(w);
            Tensor theirs = f.get("new_weight").reshape(6, -1);
            for (int k = 0; k < 6; k++) {
                double sign = Math.signum(d.directions().get(k).dot(v.get(k)).item_double());
                double diff = mine.get(k).mul(Tensors.s(sign)).sub(theirs.get(k)).abs().max().item_double();
                assertThat(diff).isLessThan(2e-3);
            }
        }
    }
}
