package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** The blocked correspondence equals the whole matrix, values and gradients, and is a row-stochastic average. */
class CorrelationTest {

    private static Tensor unitColumns(long... shape) { // random, L2-normalised along dim 1 (as θ̂ and φ̂ are)
        Tensor t = torch.randn(shape);
        return t.div(torch.norm(t, new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(2.0)),
                new long[] {1}, true));
    }

    @Test
    void blocksGiveTheFullProduct() {
        try (Scope s = new Scope()) {
            torch.manual_seed(5);
            Tensor phiHat = unitColumns(2, 18, 30); // [N,D,HWr]
            Tensor thetaHat = unitColumns(2, 18, 37).transpose(1, 2).contiguous().requires_grad_(true); // [N,HWq,D]
            Tensor r = torch.randn(2, 30, 4); // exemplar values
            Tensor x = torch.randn(2, 37, 4); // input values

            // the official way: the whole matrix, softmax along rows (warp) and along columns (warp back)
            Tensor f = torch.matmul(thetaHat, phiHat).div(new org.bytedeco.pytorch.Scalar(Correlation.TAU));
            Tensor warpFull = torch.matmul(torch.softmax(f, -1), r);
            Tensor backFull = torch.matmul(torch.softmax(f.transpose(1, 2), -1), x);
            for (int rows : new int[] {1, 5, 37, 1000}) {
                Correlation m = new Correlation(thetaHat, phiHat, Correlation.TAU, rows);
                Tensor warp = m.warp(r);
                Tensor back = m.warpBack(x);
                assertThat(warp.sub(warpFull).abs().max().item_double()).as("warp, %d rows", rows).isLessThan(1e-5);
                assertThat(back.sub(backFull).abs().max().item_double()).as("back, %d rows", rows).isLessThan(1e-5);
                Tensor g = Autograd.grad(warp.sum().add(back.square().sum()), java.util.List.of(thetaHat), null, false).get(0);
                Tensor gFull = Autograd.grad(warpFull.sum().add(backFull.square().sum()), java.util.List.of(thetaHat), null,
                        true).get(0);
                assertThat(g.sub(gFull).abs().max().item_double()).as("gradient, %d rows", rows)
                        .isLessThan(1e-4 * Math.max(1, gFull.abs().max().item_double()));
            }
            // each warped value is a convex combination of the exemplar's: constants stay constant
            Tensor ones = torch.ones(2, 30, 1);
            Tensor warpedOnes = new Correlation(thetaHat, phiHat, Correlation.TAU, 8).warp(ones);
            assertThat(warpedOnes.sub(torch.ones_like(warpedOnes)).abs().max().item_double()).isLessThan(1e-5);
        }
    }
}
