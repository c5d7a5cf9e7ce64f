package org.gan4j.orojar;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * VP's data (official {@code gen_pairs.py}): z₁ ~ U(−2, 2)^nz, z₂ = z₁ except one uniformly chosen dimension j, drawn
 * again from U(−2, 2); the pair's input is the difference image G(z₁) − G(z₂) and its label j.
 *
 * @param diffs  [P,C,H,W]
 * @param labels [P] int64, the changed dimension
 */
public record VpPairs(Tensor diffs, Tensor labels) {

    /** {@code count} pairs of {@code g} (z [N,nz] → images [N,C,H,W]) from the global generator, 100 at a time. */
    public static VpPairs generate(UnaryOperator<Tensor> g, int nz, int count) {
        try (NoGrad ng = new NoGrad()) {
            java.util.List<Tensor> diffs = new java.util.ArrayList<>();
            java.util.List<Tensor> labels = new java.util.ArrayList<>();
            for (int start = 0; start < count; start += 100) {
                int n = Math.min(100, count - start);
                Tensor z1 = Tensors.rand(n, nz).mul(Tensors.s(4.0)).sub(Tensors.s(2.0));
                Tensor fresh = Tensors.rand(n, nz).mul(Tensors.s(4.0)).sub(Tensors.s(2.0));
                Tensor j = Tensors.randint(nz, n); // [n]
                Tensor onehot = torch.one_hot(j, nz).to(torch.ScalarType.Float);
                Tensor z2 = torch.where(onehot.gt(Tensors.s(0.0)), fresh, z1);
                try (Scope s = new Scope()) {
                    diffs.add(Scope.keepAlive(g.apply(z1).sub(g.apply(z2))));
                }
                diffs.set(diffs.size() - 1, Scope.adopt(diffs.get(diffs.size() - 1)));
                labels.add(j);
            }
            return new VpPairs(torch.cat(new org.bytedeco.pytorch.TensorVector(diffs.toArray(Tensor[]::new)), 0),
                    torch.cat(new org.bytedeco.pytorch.TensorVector(labels.toArray(Tensor[]::new)), 0));
        }
    }

    public int count() {
        return (int) labels.size(0);
    }
}
