package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** SPADE's modulation from the label map's distinct windows equals the plain convolutions, values and gradients. */
class SpadeSegmapTest {

    /** A one-hot map [N,nc,h,w] of 3×2 large regions (so windows repeat), with an instance-edge channel. */
    private static Tensor blockyMap(int n, int nc, int h, int w, boolean edges) {
        torch.manual_seed(3);
        Tensor cells = torch.randint(nc, new long[] {n, 1, 3, 2}).to(torch.ScalarType.Float);
        Tensor ids = Resize.nearest(cells, h, w).to(torch.ScalarType.Long).squeeze(1);
        Tensor oneHot = torch.one_hot(ids, nc).permute(0, 3, 1, 2).to(torch.ScalarType.Float);
        if (!edges) {
            return oneHot;
        }
        // instance edges where a region's id changes (as SPADE's get_edges makes them)
        return torch.cat(new TensorVector(oneHot, SemanticInputs.edges(ids)), 1);
    }

    private static void assertSame(Tensor windows, Tensor dense, double tol) {
        double scale = dense.abs().max().item_double();
        assertThat(windows.sub(dense).abs().max().item_double()).isLessThanOrEqualTo(tol * Math.max(scale, 1e-3));
    }

    @Test
    void windowsGiveTheConvolutionsValuesAndGradients() throws Exception {
        try (Scope s = new Scope()) {
            // 80×48: the sizes are non-square, and odd below; the edges make extra codes
            Tensor seg = blockyMap(2, 5, 80, 48, true);
            for (int[] size : new int[][] {{80, 48}, {40, 24}, {35, 21}}) {
                torch.manual_seed(11);
                Spade layer = new Spade(ParamFreeNorm.SYNCBATCH, 3, 6, 6);
                Tensor x = torch.randn(2, 6, size[0], size[1]).requires_grad_(true);
                SpadeSegmap coded = SpadeSegmap.of(seg);
                SpadeSegmap.Patterns p = coded.patterns(size[0], size[1]);
                assertThat(p).as("windows at %dx%d", size[0], size[1]).isNotNull();
                // large regions: far fewer distinct 5×5 windows than pixels (the whole point of the shortcut)
                assertThat(p.windows5().size(0)).as("distinct 5x5 windows at %dx%d", size[0], size[1])
                        .isLessThan((long) 2 * size[0] * size[1] / 3);

                Tensor yWindows = layer.forward(x, coded);
                Tensor yDense = layer.forward(x, SpadeSegmap.dense(seg));
                assertSame(yWindows, yDense, 1e-5);

                Tensor weights = torch.randn(yDense.shape());
                List<Tensor> params = layer.parameters();
                params.add(x);
                List<Tensor> gWindows = Autograd.grad(yWindows.mul(weights).sum(), params, null, false);
                List<Tensor> gDense = Autograd.grad(yDense.mul(weights).sum(), params, null, false);
                for (int i = 0; i < params.size(); i++) {
                    assertSame(gWindows.get(i), gDense.get(i), 1e-4);
                }
            }
        }
    }

    @Test
    void computedMapsAndMapsWithManyDistinctPixelsUseTheConvolutions() {
        try (Scope s = new Scope()) {
            Tensor soft = torch.rand(1, 3, 80, 80); // 6400 distinct vectors > MAX_CODES
            assertThat(SpadeSegmap.of(soft).patterns(80, 80)).isNull();
            Tensor noise = torch.one_hot(torch.randint(7, new long[] {1, 16, 16}), 7).permute(0, 3, 1, 2)
                    .to(torch.ScalarType.Float); // i.i.d. labels: 5×5 windows hardly repeat
            assertThat(SpadeSegmap.of(noise).patterns(16, 16)).isNull();
            Tensor computed = blockyMap(1, 5, 32, 32, false).requires_grad_(true); // gradients must reach it
            assertThat(SpadeSegmap.of(computed).patterns(32, 32)).isNull();
            assertThat(SpadeSegmap.of(computed.detach()).patterns(32, 32)).isNotNull();
        }
    }

    @Test
    void distinctRowsNumberRowsInOrderOfFirstAppearance() {
        DistinctRows d = DistinctRows.of(new long[] {5, 1, 2, 2, 5, 1, 5, 2}, 2);
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.rows()).containsExactly(5, 1, 2, 2, 5, 2);
        assertThat(d.inverse()).containsExactly(0, 1, 0, 2);
    }
}
