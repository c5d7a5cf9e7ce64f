package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * VP: pairs differ in exactly the labelled dimension; the score is near 100% for a generator whose dimensions each
 * paint their own quadrant and near chance for one whose output ignores its input.
 */
class VpTest {

    /** [N,4] → [N,1,16,16]: dimension j fills quadrant j with z_j/2. */
    static Tensor quadrants(Tensor z) {
        Tensor img = torch.zeros(z.size(0), 1, 16, 16);
        for (int j = 0; j < 4; j++) {
            int r = (j / 2) * 8;
            int c = (j % 2) * 8;
            img.narrow(2, r, 8).narrow(3, c, 8).copy_(z.narrow(1, j, 1).div(Tensors.s(2.0)).reshape(-1, 1, 1, 1)
                    .expand(new long[] {z.size(0), 1, 8, 8}));
        }
        return img;
    }

    @Test
    void pairsDifferInTheLabelledDimensionOnly() {
        Seeds.seed(5);
        try (Scope s = new Scope()) {
            VpPairs p = VpPairs.generate(VpTest::quadrants, 4, 250);
            assertThat(p.count()).isEqualTo(250);
            assertThat(p.diffs().shape()).containsExactly(250, 1, 16, 16);
            long[] labels = new long[250];
            for (int i = 0; i < 250; i++) {
                labels[i] = p.labels().get(i).item_long();
                Tensor d = p.diffs().get(i).abs();
                for (int j = 0; j < 4; j++) {
                    double q = d.narrow(1, (j / 2) * 8, 8).narrow(2, (j % 2) * 8, 8).max().item_double();
                    if (j != labels[i]) {
                        assertThat(q).isZero();
                    } else {
                        assertThat(q).isLessThanOrEqualTo(2.0); // |Δz|/2 with z in [−2, 2]
                    }
                }
            }
            for (int j = 0; j < 4; j++) { // every dimension is chosen, about a quarter of the time
                final int jj = j;
                assertThat(java.util.Arrays.stream(labels).filter(x -> x == jj).count()).isBetween(40L, 90L);
            }
        }
    }

    @Test
    void scoresADisentangledGeneratorHighAndANoiseGeneratorAtChance() {
        VpConfig c = new VpConfig(1000, 0.05, 30, 10, 5e-4, 5, 0, 1);
        Seeds.seed(6);
        try (Scope s = new Scope()) {
            VpPairs good = VpPairs.generate(VpTest::quadrants, 4, c.pairs());
            Vp.Score high = Vp.score(good, 4, c, 1, e -> { });
            assertThat(high.mean()).isGreaterThan(85);
            VpPairs noise = VpPairs.generate(z -> torch.randn(z.size(0), 1, 16, 16), 4, c.pairs());
            Vp.Score chance = Vp.score(noise, 4, c, 1, e -> { });
            assertThat(chance.mean()).isLessThan(40);
            assertThat(chance.runs()).hasSize(1);
        }
    }
}
