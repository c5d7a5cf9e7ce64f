package org.gan4j.mystyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * MyStyle++'s editing and enhancement with attributes: the attribute term by hand, an edit that reaches the
 * requested coordinates, a projection that the term pulls to the requested value, and single-image tuning.
 */
class AttributeEditingTest {

    @Test
    void theAttributeTermByHand() {
        try (Scope s = new Scope()) {
            // w̄ = (1, 1), d = e_0, c = 3, λ = 0.5; layers (4, 1) and (0, 5): coordinates 3 and −1, errors 0 and 4
            AttributeTerm t = new AttributeTerm(Tensors.of(new float[] {1, 1}, 2), Tensors.of(new float[] {1, 0}, 1, 2),
                    Tensors.of(new float[] {3}, 1), 0.5);
            Tensor w = Tensors.of(new float[] {4, 1, 0, 5}, 1, 2, 2);
            assertThat(t.loss(w).item_double()).isCloseTo(0.5 * (0 + 4) / 2, within(1e-6));
            assertThat(t.coordinates(w)).containsExactly(1.0);
        }
    }

    /** Six anchors (fewer than the 8 dimensions, so AAᵀ is invertible), yaw planted at three levels. */
    private static final double[] YAW = {-1, -1, 0, 0, 1, 1};

    private static AttributeControl plantedControl(Tensor anchors) {
        double[] yaw = YAW;
        double[][] v = new double[yaw.length][];
        for (int i = 0; i < yaw.length; i++) {
            v[i] = new double[] {yaw[i]};
        }
        return AttributeControl.of(anchors, new AttributeTable(List.of("yaw"), v), 3);
    }

    @Test
    void anEditBySetReachesTheRequestedCoordinateAndMovesNothingElse() {
        try (Scope s = new Scope()) {
            Tensor anchors = MystylePlusTest.planted(YAW, 4);
            AttributeControl c = plantedControl(anchors);
            double[][] a = PersonalSpace.matrix(anchors);
            double[][] alpha = new double[3][a.length]; // three layers: anchor 0, anchor 5, and a mixture
            alpha[0][0] = 1;
            alpha[1][3] = 1;
            for (int i = 0; i < a.length; i++) {
                alpha[2][i] = 1.0 / a.length;
            }
            Editing.Towards t = Editing.towards(alpha, a, c, Map.of("yaw", 0.5));
            assertThat(t.target()[0]).isCloseTo(c.coordinate(0, 0.5), within(1e-12));
            DirectionProjection proj = DirectionProjection.of(a, t.direction());
            assertThat(proj.cosine()).as("d lies in the anchors' span").isGreaterThan(0.9999);
            List<Editing.Edit> sweep = Editing.sweep(alpha, proj.gamma(), a, Editing.towards(5), EdgePolicy.CONTINUE,
                    PersonalSpace.DEFAULT_BETA, null);
            assertThat(sweep).hasSize(5);
            double[] mean = PersonalSpace.vector(c.axes().mean());
            double[] d = PersonalSpace.vector(c.axes().axes());
            double[][] last = sweep.get(4).wPlus();
            double now = 0;
            for (double[] w : last) {
                double coord = 0;
                for (int j = 0; j < w.length; j++) {
                    coord += (w[j] - mean[j]) * d[j];
                }
                now += coord / last.length;
            }
            assertThat(now).as("the mean coordinate at θ = 1").isCloseTo(t.target()[0], within(1e-4));
            // each layer moved by the same step along d_yaw, and nowhere else
            double[][] first = sweep.get(0).wPlus();
            for (int l = 0; l < 3; l++) {
                for (int j = 0; j < d.length; j++) {
                    assertThat(last[l][j] - first[l][j]).isCloseTo((t.target()[0] - t.now()[0]) * d[j], within(1e-4));
                }
            }
            assertThat(t.describe()).singleElement().asString().startsWith("yaw: coordinate");
            assertThatThrownBy(() -> Editing.towards(1)).isInstanceOf(Gan4jException.class);
        }
    }

    @Test
    void theAttributeTermPullsAProjectionToTheRequestedValueAndTuningFitsTheImage() {
        try (Scope s = new Scope()) {
            Generator g = MystyleTrainingTest.generator();
            // anchors: the planted ones mapped into this generator's W scale (16-D: the 8-D planted pair twice)
            Tensor anchors = Scope.keepAlive(MystylePlusTest.planted(YAW, 4).repeat(1, 2).mul(Tensors.s(0.5)));
            AttributeControl c = plantedControl(anchors);
            Tensor target;
            try (NoGrad ng = new NoGrad()) {
                Tensor w = anchors.narrow(0, 0, 1).unsqueeze(1).repeat(1, g.nLatent(), 1); // yaw −1's anchor
                target = Scope.keepAlive(g.synthesize(w, NoiseMode.CONST));
            }
            AlphaProjector.Options o = AlphaProjector.Options.defaults().withSteps(300);
            AttributeTerm term = AttributeTerm.of(c, Map.of("yaw", 1.0), 100.0);
            double want = c.coordinate(0, 1.0);
            AlphaProjector.Result plain = AlphaProjector.project(g, anchors, target, Degradation.none(), new PyramidLoss(),
                    o, MystyleTrainingTest.quiet());
            AlphaProjector.Result fixed = AlphaProjector.project(g, anchors, target, Degradation.none(), new PyramidLoss(),
                    o.withAttributes(term), MystyleTrainingTest.quiet());
            double plainErr = Math.abs(term.coordinates(plain.wPlus())[0] - want);
            double fixedErr = Math.abs(term.coordinates(fixed.wPlus())[0] - want);
            assertThat(fixedErr).as("yaw coordinate error with the term (%s) against without (%s)", fixedErr, plainErr)
                    .isLessThan(0.3 * plainErr);

            SingleImageTuning.Result t = SingleImageTuning.tune(g, plain.wPlus(), target, Degradation.none(),
                    new PyramidLoss(), 30, MystyleTrainingTest.quiet());
            assertThat(t.loss()).as("tuned on the image: %s -> %s", t.startLoss(), t.loss()).isLessThan(0.7 * t.startLoss());
            assertThat(t.startLoss()).isCloseTo(plain.loss(), within(1e-4));
            g.namedParameters().values().forEach(p -> assertThat(p.requires_grad()).isFalse());
        }
        Seeds.seed(0);
    }
}
