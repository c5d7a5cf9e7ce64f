package org.gan4j.mystyle;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * MyStyle++'s control of a personalised model: the attribute axes d_m of its anchors, the hypercube they span
 * (per axis, the least and the greatest anchor coordinate) and, per attribute level, where its anchors sit on the
 * axis. A requested value a of attribute m becomes the coordinate interpolated linearly between the levels'
 * centres (a_{m,p} ↦ mean coordinate of the anchors at level p), extended linearly beyond the outer levels and
 * clamped to the hypercube; a latent gets that
 * coordinate on d_m and keeps the others.
 *
 * @param table   the album's attributes
 * @param levels  their levels
 * @param axes    the principal components and the axes, assigned from the anchors
 * @param min     the hypercube's lower corner, per attribute
 * @param max     its upper corner
 * @param centres centres[m][p], the mean coordinate of the anchors at level p (NaN when no anchor is)
 */
public record AttributeControl(AttributeTable table, Levels levels, AttributeAxes axes, double[] min, double[] max,
        double[][] centres) {

    /** The ridge of {@link #regression}, relative to the anchors' mean squared spread. */
    static final double RIDGE = 0.01;

    /** The control of a model with anchors {@code [N,S]}. */
    public static AttributeControl of(Tensor anchors, AttributeTable table, int levelCount) {
        Levels levels = Levels.quantise(table, levelCount);
        return withAxes(anchors, table, levels, AttributeAxes.assign(anchors, levels, table.values()));
    }

    /**
     * The control MyStyle alone allows, for comparison: each attribute's axis is the least-squares direction of its
     * values on the centred anchors, b = Xᵀ(XXᵀ + εI)⁻¹(a − ā) with ε = 0.01·tr(XXᵀ)/N (ridge), normalised (an attribute direction found in W and
     * restricted to the anchors' span, as MyStyle's direction projection does); levels and hypercube as above.
     */
    public static AttributeControl regression(Tensor anchors, AttributeTable table, int levelCount) {
        AttributeControl pca = of(anchors, table, levelCount);
        AttributeAxes fitted;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = anchors.detach().to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
            Tensor mean = pca.axes().mean().to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
            Tensor xc = x.sub(mean);                                                   // [N,S]
            int n = (int) x.size(0);
            int m = table.count();
            float[] av = new float[n * m];
            for (int j = 0; j < m; j++) {
                double mu = 0;
                for (double[] row : table.values()) {
                    mu += row[j] / n;
                }
                for (int i = 0; i < n; i++) {
                    av[i * m + j] = (float) (table.values()[i][j] - mu);
                }
            }
            Tensor a = org.gan4j.torch.Tensors.of(av, n, m).to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
            Tensor gram = xc.matmul(xc.t());
            double ridge = RIDGE * gram.trace().item_double() / n; // damps the directions the anchors barely span
            gram = gram.add(org.gan4j.torch.Tensors.eye(n).to(org.bytedeco.pytorch.global.torch.ScalarType.Double)
                    .mul(org.gan4j.torch.Tensors.s(ridge)));
            Tensor b = xc.t().matmul(org.bytedeco.pytorch.global.torch.inverse(gram)).matmul(a).t(); // [M,S]
            b = b.div(b.norm(new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(2.0)),
                    new long[] {1}, true));
            fitted = new AttributeAxes(Scope.keepAlive(pca.axes().mean().clone()), Scope.keepAlive(pca.axes().basis().clone()),
                    Scope.keepAlive(b.to(org.bytedeco.pytorch.global.torch.ScalarType.Float).contiguous()), new int[m]);
        }
        fitted = new AttributeAxes(Scope.adopt(fitted.mean()), Scope.adopt(fitted.basis()), Scope.adopt(fitted.axes()),
                fitted.components());
        return withAxes(anchors, table, pca.levels(), fitted);
    }

    /** Hypercube and level centres of the anchors on the given axes. */
    private static AttributeControl withAxes(Tensor anchors, AttributeTable table, Levels levels, AttributeAxes axes) {
        int m = table.count();
        int levelCount = levels.values()[0].length;
        double[][] coord;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            coord = PersonalSpace.matrix(axes.coordinates(anchors.detach()).contiguous()); // [N][M]
        }
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[][] centres = new double[m][levelCount];
        for (int j = 0; j < m; j++) {
            lo[j] = Double.POSITIVE_INFINITY;
            hi[j] = Double.NEGATIVE_INFINITY;
            double[] sum = new double[levelCount];
            int[] count = new int[levelCount];
            for (int i = 0; i < coord.length; i++) {
                lo[j] = Math.min(lo[j], coord[i][j]);
                hi[j] = Math.max(hi[j], coord[i][j]);
                sum[levels.index()[i][j]] += coord[i][j];
                count[levels.index()[i][j]]++;
            }
            for (int p = 0; p < levelCount; p++) {
                centres[j][p] = count[p] == 0 ? Double.NaN : sum[p] / count[p];
            }
        }
        return new AttributeControl(table, levels, axes, lo, hi, centres);
    }

    /** The coordinate on d_m that attribute m's value {@code value} maps to. */
    public double coordinate(int m, double value) {
        double[] a = levels.values()[m];
        double[] c = centres[m];
        int first = -1;
        int last = -1;
        for (int p = 0; p < a.length; p++) {
            if (!Double.isNaN(c[p])) {
                first = first < 0 ? p : first;
                last = p;
            }
        }
        double out;
        if (first == last) {
            out = c[first];
        } else if (value <= a[first] || value >= a[last]) {
            // beyond the album's levels: the nearest segment extended, up to the hypercube's face
            int p0 = value <= a[first] ? first : previous(c, last);
            int p1 = value <= a[first] ? next(c, first) : last;
            out = c[p0] + (c[p1] - c[p0]) * (value - a[p0]) / (a[p1] - a[p0]);
        } else {
            int lo = first;
            for (int p = first + 1; p <= last; p++) {
                if (Double.isNaN(c[p])) {
                    continue;
                }
                if (value <= a[p]) {
                    out = c[lo] + (c[p] - c[lo]) * (value - a[lo]) / (a[p] - a[lo]);
                    return Math.max(min[m], Math.min(max[m], out));
                }
                lo = p;
            }
            out = c[last];
        }
        return Math.max(min[m], Math.min(max[m], out));
    }

    private static int previous(double[] c, int p) {
        do {
            p--;
        } while (Double.isNaN(c[p]));
        return p;
    }

    private static int next(double[] c, int p) {
        do {
            p++;
        } while (Double.isNaN(c[p]));
        return p;
    }

    /** w {@code [B,S]} with the requested attributes set (name → value); one line for an unknown name. */
    public Tensor set(Tensor w, Map<String, Double> values) {
        Tensor out = w;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int m = table.index(e.getKey());
            out = axes.withCoordinate(out, m, coordinate(m, e.getValue()));
        }
        return out;
    }

    /** Parses {@code yaw=0.5,expression=-0.2}; one line naming the first malformed entry. */
    public static Map<String, Double> parse(String spec) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new NumberFormatException();
                }
                out.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new Gan4jException("--set expects name=value pairs separated by commas (e.g. yaw=0.5,expression=-0.2),"
                        + " got '" + part + "'");
            }
        }
        return out;
    }
}
