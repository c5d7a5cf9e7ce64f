package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** PPL: slerp's end points, numpy's percentile, and path lengths that scale as the square of the generator's gain. */
class PplTest {

    @Test
    void slerpKeepsEndPointsAndPercentileIsNumpys() {
        try (Scope s = new Scope()) {
            Tensor a = Tensors.of(new float[] {3, 0, 0, 1, 1, 0}, 2, 3);
            Tensor b = Tensors.of(new float[] {0, 2, 0, 0, 0, 5}, 2, 3);
            assertThat(Ppl.slerp(a, b, 0).sub(a).abs().max().item_double()).isLessThan(1e-6);
            assertThat(Ppl.slerp(a, b, 1).sub(b).abs().max().item_double()).isLessThan(1e-5);
            Tensor mid = Ppl.slerp(a, b, 0.5).get(0); // 45° between x and y, length 2.5
            assertThat(Tensors.floats(mid)).containsExactly(new float[] {1.7677670f, 1.7677670f, 0}, within(1e-5f));
        }
        assertThat(Ppl.percentile(new double[] {1, 2, 3, 4, 5}, 1)).isCloseTo(1.04, within(1e-12));
        assertThat(Ppl.percentile(new double[] {1, 2, 3, 4, 5}, 99)).isCloseTo(4.96, within(1e-12));
    }

    @Test
    void pathLengthScalesWithTheSquareOfTheGain() {
        try (Scope s = new Scope()) {
            Tensor w = torch.randn(4, 64);
            Seeds.seed(3);
            double one = Ppl.measure(z -> torch.tanh(z.matmul(w)).reshape(-1, 1, 8, 8), 4, 500, 100, null).mean();
            Seeds.seed(3);
            double two = Ppl.measure(z -> torch.tanh(z.matmul(w)).mul(Tensors.s(2.0)).reshape(-1, 1, 8, 8), 4, 500, 100,
                    null).mean();
            assertThat(one).isPositive();
            assertThat(two / one).isCloseTo(4.0, within(1e-2));
            Seeds.seed(3);
            assertThat(Ppl.measure(z -> torch.zeros(z.size(0), 1, 8, 8), 4, 200, 100, null).mean()).isZero();
        }
    }
}
