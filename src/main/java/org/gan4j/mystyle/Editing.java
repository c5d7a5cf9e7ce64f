package org.gan4j.mystyle;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.gan4j.Gan4jException;

/**
 * Editing inside the personal space (the official {@code edit.py}): the image's per-layer α moves along the
 * direction's barycentric coordinates γ, α' = α + θ·γ for each θ of a sweep, and the edge policy decides what
 * happens where α' leaves P_β.
 */
public final class Editing {

    /**
     * One frame of a sweep.
     *
     * @param theta   θ
     * @param wPlus   the edited W+ code, {@code [L][S]}
     * @param outside whether α' left P_β (for PROJECT: before it was projected back)
     */
    public record Edit(double theta, double[][] wPlus, boolean outside) {}

    private Editing() {}

    /**
     * The official sweep: the union of linspace(−m, 0, n/2) and linspace(0, m, n/2), sorted, duplicates once (so
     * n = 11 gives 9 values from −m to m).
     */
    public static double[] thetas(double magnitude, int count) {
        int half = count / 2;
        if (half < 2) {
            throw new Gan4jException("--edits must be at least 4, got " + count);
        }
        TreeSet<Double> set = new TreeSet<>();
        for (int i = 0; i < half; i++) {
            double f = (double) i / (half - 1);
            set.add(-magnitude + f * magnitude + 0.0); // + 0.0 turns −0 into 0
            set.add(f * magnitude + 0.0);
        }
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The sweep for an image whose per-layer α is {@code alpha} ({@code [L][N]}).
     *
     * @param gamma   the direction's barycentric coordinates ({@link DirectionProjection#gamma()}, {@code [N]})
     * @param anchors the anchors {@code [N][S]}
     * @param hull    the projector onto P_β (used by {@link EdgePolicy#PROJECT} only; may be null otherwise)
     */
    public static List<Edit> sweep(double[][] alpha, double[] gamma, double[][] anchors, double[] thetas,
            EdgePolicy policy, double beta, HullProjection hull) {
        int layers = alpha.length;
        int n = gamma.length;
        int s = anchors[0].length;
        List<Edit> out = new ArrayList<>();
        for (double theta : thetas) {
            double[][] w = new double[layers][s];
            boolean outside = false;
            for (int l = 0; l < layers; l++) {
                double[] edited = new double[n];
                for (int i = 0; i < n; i++) {
                    edited[i] = alpha[l][i] + theta * gamma[i];
                }
                // DEVIATION: the official test is |min α'| > β, which also fires for an α' well inside the hull
                // whose smallest weight is above β (few anchors); gan4j tests min α' < −β, the definition of P_β.
                boolean leaves = PersonalSpace.excess(edited, beta) > 0;
                outside |= leaves;
                if (leaves && policy == EdgePolicy.PROJECT) {
                    // DEVIATION: the official code projects the latent αA itself; projecting it gives the same
                    // point, since the objective depends on α only through αA.
                    edited = hull.solve(latentOf(edited, anchors), beta);
                }
                w[l] = latentOf(edited, anchors);
            }
            if (outside && policy == EdgePolicy.STOP) {
                continue;
            }
            out.add(new Edit(theta, w, outside));
        }
        return out;
    }

    /** θ from 0 to 1 in {@code count} even steps (an edit {@link #towards} requested attribute values). */
    public static double[] towards(int count) {
        if (count < 2) {
            throw new Gan4jException("--edits must be at least 2, got " + count);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = (double) i / (count - 1);
        }
        return out;
    }

    /**
     * MyStyle++'s editing by attributes: the direction d = Σ_m (c_m − now_m)·d_m over the requested attributes, with
     * now_m the image's coordinate on axis d_m (the mean over its layers) and c_m the requested value's coordinate;
     * the axes are orthonormal rows of the anchors' principal components, so d lies in the anchors' span and θ = 1
     * of a sweep moves every layer's coordinates by exactly c_m − now_m.
     *
     * @param direction d, {@code [S]}
     * @param now       now_m per requested attribute
     * @param target    c_m per requested attribute
     * @param names     the requested attributes, in order
     */
    public record Towards(double[] direction, double[] now, double[] target, List<String> names) {

        /** One line per attribute: where the image sits and where it goes. */
        public List<String> describe() {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                out.add(String.format("%s: coordinate %.3f now, %.3f requested", names.get(k), now[k], target[k]));
            }
            return out;
        }
    }

    /** The edit of an image with per-layer α {@code [L][N]} to the requested attribute values. */
    public static Towards towards(double[][] alpha, double[][] anchors, AttributeControl control,
            java.util.Map<String, Double> values) {
        int s = anchors[0].length;
        double[] mean = PersonalSpace.vector(control.axes().mean());
        double[][] axes = PersonalSpace.matrix(control.axes().axes());
        double[] d = new double[s];
        double[] now = new double[values.size()];
        double[] target = new double[values.size()];
        List<String> names = new ArrayList<>(values.keySet());
        for (int k = 0; k < names.size(); k++) {
            int m = control.table().index(names.get(k));
            for (double[] a : alpha) {
                double[] w = latentOf(a, anchors);
                double c = 0;
                for (int j = 0; j < s; j++) {
                    c += (w[j] - mean[j]) * axes[m][j];
                }
                now[k] += c / alpha.length;
            }
            target[k] = control.coordinate(m, values.get(names.get(k)));
            for (int j = 0; j < s; j++) {
                d[j] += (target[k] - now[k]) * axes[m][j];
            }
        }
        return new Towards(d, now, target, names);
    }

    static double[] latentOf(double[] alpha, double[][] anchors) {
        double[] w = new double[anchors[0].length];
        for (int i = 0; i < alpha.length; i++) {
            for (int k = 0; k < w.length; k++) {
                w[k] += alpha[i] * anchors[i][k];
            }
        }
        return w;
    }
}
