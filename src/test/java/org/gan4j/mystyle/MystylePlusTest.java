package org.gan4j.mystyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MyStyle++: levels, the anchor loss by hand, the axes on a planted attribute, control, and a tiny joint run. */
class MystylePlusTest {

    @TempDir
    Path tmp;

    @Test
    void levelsAreEvenlySpacedAndEachPictureTakesTheNearest() {
        AttributeTable t = new AttributeTable(List.of("yaw"), new double[][] {{-1}, {-0.2}, {0.1}, {1}, {0.6}});
        Levels l = Levels.quantise(t, 3);
        assertThat(l.values()[0]).containsExactly(-1, 0, 1);
        assertThat(new int[] {l.index()[0][0], l.index()[1][0], l.index()[2][0], l.index()[3][0], l.index()[4][0]})
                .containsExactly(0, 1, 1, 2, 2);
    }

    @Test
    void anchorLossAgainstAHandComputation() {
        // one attribute, levels [0,0,1,1,2] (anchor 4 alone at its level: no term); axis e_0
        int[][] index = {{0}, {0}, {1}, {1}, {2}};
        float[] w = {1, 7, 3, -2, 5, 0, 9, 4, 100, 1};   // w_n = (p_n, other); p = 1, 3, 5, 9, 100
        try (Scope s = new Scope()) {
            Tensor anchors = Tensors.of(w, 5, 2).requires_grad_(true);
            Tensor axis = Tensors.of(new float[] {1, 0}, 1, 2);
            Tensor l = AnchorLoss.loss(anchors, axis, index);
            // c = 3, 1, 9, 5 → |1−3| + |3−1| + |5−9| + |9−5| = 12; spread Σ|p − 23.6| = 152.8
            assertThat(AnchorLoss.alongAxis(new double[] {1, 3, 5, 9, 100}, index, 0)).isCloseTo(12, within(1e-12));
            assertThat(l.item_double()).isCloseTo(12 / 152.8, within(1e-6));
            // the ratio does not change when the anchors spread out or shrink about their mean: no collapse pays
            Tensor twice = anchors.detach().mul(Tensors.scalar(2.0)).sub(Tensors.scalar(7.0));
            assertThat(AnchorLoss.loss(twice, axis, index).item_double()).isCloseTo(12 / 152.8, within(1e-6));
            // the other coordinate carries no gradient
            float[] g = Tensors.floats(Autograd.grad(l, List.of(anchors), null, false).get(0));
            for (int n = 0; n < 5; n++) {
                assertThat(g[2 * n + 1]).isZero();
            }
        }
    }

    /** N anchors in 8-D: a strong nuisance spread on e_0, the attribute planted on e_3 (three levels), noise. */
    static Tensor planted(double[] yaw, long seed) {
        Random r = new Random(seed);
        float[] a = new float[yaw.length * 8];
        for (int n = 0; n < yaw.length; n++) {
            for (int d = 0; d < 8; d++) {
                a[n * 8 + d] = (float) (0.05 * r.nextGaussian());
            }
            a[n * 8] += (float) (4 * r.nextGaussian());
            a[n * 8 + 3] += (float) (2 * yaw[n]);
        }
        return Tensors.of(a, yaw.length, 8);
    }

    @Test
    void theAxisOfAPlantedAttributeIsFoundAndSigned() {
        double[] yaw = {-1, -1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1};
        double[][] v = new double[yaw.length][];
        for (int i = 0; i < yaw.length; i++) {
            v[i] = new double[] {yaw[i]};
        }
        AttributeTable t = new AttributeTable(List.of("yaw"), v);
        try (Scope s = new Scope()) {
            Tensor anchors = planted(yaw, 4);
            AttributeAxes ax = AttributeAxes.assign(anchors, Levels.quantise(t, 3), v);
            float[] d = Tensors.floats(ax.axes());
            assertThat(d[3]).as("the axis is +e_3 (yaw grows along it)").isGreaterThan(0.95f);
            assertThat(ax.components()[0]).as("not the strongest component (the nuisance)").isEqualTo(1);

            AttributeControl c = AttributeControl.of(anchors, t, 3);
            // levels' centres: the mean yaw coordinate of each group, about −2, 0, 2 around the anchors' mean
            assertThat(c.centres()[0][0]).isLessThan(c.centres()[0][1]);
            assertThat(c.centres()[0][2] - c.centres()[0][1]).isGreaterThan(1.5);
            assertThat(c.coordinate(0, 0.5)).isCloseTo((c.centres()[0][1] + c.centres()[0][2]) / 2, within(1e-9));
            assertThat(c.coordinate(0, 7)).isEqualTo(c.max()[0]); // clamped to the hypercube
            Tensor w = anchors.narrow(0, 0, 3);
            Tensor set = c.set(w, Map.of("yaw", 0.5));
            double[][] before = PersonalSpace.matrix(ax.coordinates(w).contiguous());
            double[][] after = PersonalSpace.matrix(c.axes().coordinates(set).contiguous());
            for (double[] row : after) {
                assertThat(row[0]).isCloseTo(c.coordinate(0, 0.5), within(1e-5));
            }
            // nothing else moves: the change is along d_yaw only
            Tensor rest = set.sub(w).sub(c.axes().axes().mul(Tensors.scalar(after[0][0] - before[0][0])));
            assertThat(rest.narrow(0, 0, 1).abs().max().item_double()).isLessThan(1e-5);
            assertThatThrownBy(() -> c.set(w, Map.of("pitch", 1.0))).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("this model controls yaw");
        }
        assertThat(AttributeControl.parse("yaw=0.5, expression=-1")).containsEntry("yaw", 0.5).containsEntry("expression", -1.0);
        assertThatThrownBy(() -> AttributeControl.parse("yaw:0.5")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("name=value");
    }

    @Test
    void leastSquaresDirectionsFindThePlantedAxisToo() {
        double[] yaw = {-1, -1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1};
        double[][] v = new double[yaw.length][];
        for (int i = 0; i < yaw.length; i++) {
            v[i] = new double[] {yaw[i]};
        }
        try (Scope s = new Scope()) {
            AttributeControl c = AttributeControl.regression(planted(yaw, 4), new AttributeTable(List.of("yaw"), v), 3);
            assertThat(Tensors.floats(c.axes().axes())[3]).isGreaterThan(0.9f);
            assertThat(c.centres()[0][0]).isLessThan(c.centres()[0][1]);
            assertThat(c.centres()[0][1]).isLessThan(c.centres()[0][2]);
        }
    }

    @Test
    void controlScoresAgainstAHandComputation() {
        AttributeTable t = new AttributeTable(List.of("yaw", "smile"), new double[][] {{0, 0}});
        double[] targets = {-1, 1};
        // estimates [t][sample][attribute]: yaw follows t at half its size, smile moves by 0.2 between the ends
        double[][][] est = {{{-0.5, 0.0}, {-0.5, 0.2}}, {{0.5, 0.3}, {0.5, 0.3}}};
        ControlEvaluation.Row r = ControlEvaluation.score("m", t, 0, targets, est);
        assertThat(r.correlation()).isCloseTo(1, within(1e-9));
        assertThat(r.slope()).isCloseTo(0.5, within(1e-9));
        assertThat(r.mae()).isCloseTo(0.5, within(1e-9));
        assertThat(r.drift()).isCloseTo(0.3 - 0.1, within(1e-9));
    }

    @Test
    void attributesFromACsvInTheAlbumsOrderWithOneLineErrors() throws Exception {
        Path csv = tmp.resolve("a.csv");
        Files.writeString(csv, "image,yaw,smile\nb.png,0.5,1\na.jpg,-0.5,0\n");
        AttributeTable t = AttributeTable.read(csv, List.of("a", "b"));
        assertThat(t.names()).containsExactly("yaw", "smile");
        assertThat(t.values()[0]).containsExactly(-0.5, 0);
        assertThat(t.values()[1]).containsExactly(0.5, 1);
        assertThatThrownBy(() -> AttributeTable.read(csv, List.of("a", "c"))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("no row for the album picture 'c'");
        Files.writeString(csv, "image,yaw\na,left\n");
        assertThatThrownBy(() -> AttributeTable.read(csv, List.of("a"))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("line 2: yaw is 'left', not a number");
    }

    @Test
    void jointTuningGathersTheLevelsAndKeepsReconstructing() {
        MystyleConfig c = MystyleConfig.fast().withTuneSteps(30).withAlbumCount(6);
        double[][] v = {{-1}, {-1}, {0}, {0}, {1}, {1}};
        AttributeTable t = new AttributeTable(List.of("yaw"), v);
        try (Scope s = new Scope()) {
            Generator g = MystyleTrainingTest.generator();
            Tensor[] a = MystyleTrainingTest.album(g, 6);
            // the pictures' yaw shows in their inverted codes along some direction u, beside the codes' own spread
            Tensor u = planted(new double[] {1, 0}, 9).narrow(0, 0, 1).repeat(1, 2); // [1,16]
            u = u.div(u.norm());
            Tensor yaw = Tensors.of(new float[] {-1, -1, 0, 0, 1, 1}, 6, 1);
            Tensor anchors = a[1].add(yaw.matmul(u).mul(Tensors.scalar(2.0)));
            MystyleTrainer.Attributes plus = new MystyleTrainer.Attributes(t, new MystylePlus(null, 3, 10.0, 0.01));
            try (MystyleTrainer tr = new MystyleTrainer(c, g, null, anchors, a[0], new PyramidLoss(), null, 1, plus)) {
                double rec0 = tr.reconstructionLoss();
                double[] anc = new double[30];
                for (int i = 0; i < 30; i++) {
                    try (Scope step = new Scope()) {
                        anc[i] = tr.step(0, i).get("anchor"); // L_anc on the step's axes, before its updates
                    }
                }
                double first = (anc[0] + anc[1] + anc[2]) / 3;
                double last = (anc[27] + anc[28] + anc[29]) / 3;
                assertThat(last).as("anchors gathered by level along their axes").isLessThan(0.5 * first);
                assertThat(tr.reconstructionLoss()).as("the album still reconstructed").isLessThan(rec0);
                assertThat(tr.anchors().equal(anchors)).as("the anchors moved").isFalse();
            }
        }
    }
}
