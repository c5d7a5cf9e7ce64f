package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * OroJaR discovery on a linear generator G(z) = M z: directions whose images are orthogonal are M's right singular
 * vectors, which SeFa finds in closed form, so the two must agree (up to sign), strongest first.
 */
class DiscoveryTest {

    @Test
    void findsTheRightSingularVectorsOfALinearGenerator() {
        Seeds.seed(11);
        try (Scope s = new Scope()) {
            Tensor m = torch.randn(48, 3);
            LatentModel linear = new LatentModel() {
                @Override
                public int dim() {
                    return 3;
                }

                @Override
                public Tensor sample(int n) {
                    return torch.randn(n, 3);
                }

                @Override
                public Tensor render(Tensor base, Tensor delta) {
                    return base.add(delta).matmul(m.t()).reshape(-1, 3, 4, 4);
                }
            };
            Directions found = new Discovery(3, 400, 4, 0.01, 0.1, 2).run(linear, i -> { });
            Directions exact;
            try (NoGrad ng = new NoGrad()) {
                exact = Sefa.eigen(m.to(torch.ScalarType.Double));
            }
            Tensor q = found.directions();
            assertThat(q.matmul(q.t()).sub(torch.eye(3)).abs().max().item_double()).isLessThan(1e-4);
            for (int k = 0; k < 3; k++) {
                double dot = q.get(k).dot(exact.directions().get(k)).item_double();
                assertThat(Math.abs(dot)).as("direction " + k).isGreaterThan(0.98);
                assertThat(found.values()[k] / exact.values()[k]).as("strength " + k).isBetween(0.95f, 1.05f);
            }
            // a traversal row of direction k: its middle image (α = 0) is the base's, its ends move by ±M·n_k
            Tensor base = torch.randn(1, 3);
            java.util.List<java.awt.image.BufferedImage> rows = DirectionTraversal.rows(linear, base, q, -1, 1, 3);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getWidth()).isEqualTo(3 * 4);
            java.awt.image.BufferedImage expected = org.gan4j.torch.ImageTensors.toImage(linear.render(base,
                    torch.zeros(1, 3)).narrow(1, 0, 3));
            assertThat(rows.get(2).getSubimage(4, 0, 4, 4).getRGB(1, 2)).isEqualTo(expected.getRGB(1, 2));
            java.awt.image.BufferedImage end = org.gan4j.torch.ImageTensors.toImage(linear.render(base,
                    q.get(2).reshape(1, 3)).narrow(1, 0, 3));
            assertThat(rows.get(2).getSubimage(8, 0, 4, 4).getRGB(3, 0)).isEqualTo(end.getRGB(3, 0));
        }
    }
}
