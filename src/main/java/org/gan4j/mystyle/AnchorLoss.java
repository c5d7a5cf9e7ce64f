package org.gan4j.mystyle;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * MyStyle++'s anchor loss: along attribute m's axis d_m, each anchor is pulled to where the other anchors with
 * the same level of that attribute lie,
 * <pre>
 *   L_anc = Σ_m Σ_n | w_n·d_m − c_{n,m} |,    c_{n,m} = mean_{k ≠ n, level(k,m) = level(n,m)} w_k·d_m
 * </pre>
 * An anchor alone at its level has no c and no term. c is the anchors' current arrangement taken as the target
 * (no gradient flows through it), so the loss moves each anchor towards its group rather than the group onto it.
 * Each attribute's sum is divided by the anchors' spread along its axis, Σ_n |w_n·d_m − mean_k w_k·d_m|.
 */
// DEVIATION: the sum as written is least when every anchor sits at one point of the axis, and on builtin:faces the
// joint optimisation did just that (the yaw axis's extent fell to ±0.3 while the least-squares yaw direction of the
// same album spans ±2.6), which leaves nothing to control; divided by the spread, the loss asks for tight levels
// that lie apart (a Fisher-like ratio), and cannot be lowered by shrinking the axis.
public final class AnchorLoss {

    private AnchorLoss() {}

    /**
     * @param anchors {@code [N,S]}
     * @param axes    d_m as unit rows {@code [M,S]}
     * @param index   index[n][m], the level of anchor n's m-th attribute
     * @return L_anc = Σ_m (Σ_n |w_n·d_m − c_{n,m}|) / (Σ_n |w_n·d_m − p̄_m|), a scalar tensor (differentiable in the
     *         anchors and in {@code axes})
     */
    public static Tensor loss(Tensor anchors, Tensor axes, int[][] index) {
        Tensor p = anchors.matmul(axes.t()).t(); // [M,N]: w_n·d_m
        Tensor[] gv = groupMeans(index);
        Tensor c = torch.bmm(gv[0], p.detach().unsqueeze(2)).squeeze(2); // [M,N]
        Tensor within = p.sub(c).abs().mul(gv[1]).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor mean = p.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor spread = p.sub(mean).abs().sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [M]
        return within.div(spread.add(Tensors.s(1e-8))).sum();
    }

    /**
     * The averaging matrices G [M,N,N] (G[m][n][k] = 1/(|group|−1) for k ≠ n in n's group) and the mask [M,N] of
     * anchors that have a group.
     */
    static Tensor[] groupMeans(int[][] index) {
        int n = index.length;
        int m = n == 0 ? 0 : index[0].length;
        float[] g = new float[m * n * n];
        float[] valid = new float[m * n];
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < n; a++) {
                int same = 0;
                for (int b = 0; b < n; b++) {
                    if (b != a && index[b][j] == index[a][j]) {
                        same++;
                    }
                }
                if (same == 0) {
                    continue;
                }
                valid[j * n + a] = 1;
                for (int b = 0; b < n; b++) {
                    if (b != a && index[b][j] == index[a][j]) {
                        g[(j * n + a) * n + b] = 1f / same;
                    }
                }
            }
        }
        return new Tensor[] {Tensors.of(g, m, n, n), Tensors.of(valid, m, n)};
    }

    /** L_d of one attribute along one unit direction, for projections p_n = w_n·d: Σ_n |p_n − c_n| (not divided). */
    public static double alongAxis(double[] p, int[][] index, int attribute) {
        double sum = 0;
        for (int a = 0; a < p.length; a++) {
            double s = 0;
            int count = 0;
            for (int b = 0; b < p.length; b++) {
                if (b != a && index[b][attribute] == index[a][attribute]) {
                    s += p[b];
                    count++;
                }
            }
            if (count > 0) {
                sum += Math.abs(p[a] - s / count);
            }
        }
        return sum;
    }
}
