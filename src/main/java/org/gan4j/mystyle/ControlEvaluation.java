package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Attribute control measured with an estimator: for each attribute and each requested value t, the same
 * {@code count} P₀ latents with that attribute set, rendered and estimated. Per attribute: the correlation and
 * slope of the estimated value on t, the mean absolute error |f_a − t|, and the drift — how far the other
 * attributes' means move between the smallest and the largest t (0 for a perfectly disentangled control).
 */
public final class ControlEvaluation {

    /** {@code steps} values evenly spaced over the album's range of each attribute. */
    public static double[][] albumRange(AttributeTable t, int steps) {
        double[][] out = new double[t.count()][steps];
        for (int m = 0; m < t.count(); m++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : t.values()) {
                lo = Math.min(lo, row[m]);
                hi = Math.max(hi, row[m]);
            }
            for (int k = 0; k < steps; k++) {
                out[m][k] = lo + (hi - lo) * k / (steps - 1);
            }
        }
        return out;
    }

    /** One attribute's scores under one method of control. */
    public record Row(String method, String attribute, double correlation, double slope, double mae, double drift) {}

    private ControlEvaluation() {}

    /**
     * @param targetsPerAttribute the requested values t of each attribute, ascending
     * @param grids receives, per attribute, the pictures of the first {@code gridRows} latents at every t
     *              (row-major: latent by latent, t by t), or null
     * @param rendered receives every picture rendered (for the identity scores), or null
     */
    public static List<Row> evaluate(String method, MystyleModel model, AttributeControl control,
            AttributeEstimator f, double[][] targetsPerAttribute, int count, long seed, int gridRows,
            Map<String, List<BufferedImage>> grids, List<BufferedImage> rendered) {
        List<Row> rows = new ArrayList<>();
        int n = (int) model.anchors().size(0);
        AttributeTable t = control.table();
        for (int m = 0; m < t.count(); m++) {
            double[] targets = targetsPerAttribute[m];
            double[][][] est = new double[targets.length][][]; // [t][sample][attribute]
            List<List<BufferedImage>> pics = new ArrayList<>();
            for (int k = 0; k < targets.length; k++) {
                List<BufferedImage> images = render(model, control, t.names().get(m), targets[k], n, count, seed);
                est[k] = f.estimate(images);
                pics.add(images);
                if (rendered != null) {
                    rendered.addAll(images);
                }
            }
            if (grids != null) {
                List<BufferedImage> grid = new ArrayList<>();
                for (int r = 0; r < Math.min(gridRows, count); r++) {
                    for (int k = 0; k < targets.length; k++) {
                        grid.add(pics.get(k).get(r));
                    }
                }
                grids.put(t.names().get(m), grid);
            }
            rows.add(score(method, t, m, targets, est));
        }
        return rows;
    }

    /**
     * How well the estimator reads the album's attributes off the model's reconstructions G(w_n): per attribute,
     * the correlation of f_a(G(w_n)) with the album's values (a ceiling on what any control of this model can show).
     */
    public static double[] reconstructionCorrelation(MystyleModel model, AttributeTable t, AttributeEstimator f) {
        List<BufferedImage> images;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor w = model.anchors();
            var g = model.generator();
            images = ImageTensors.toImages(g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.CONST));
        }
        double[][] est = f.estimate(images);
        double[] out = new double[t.count()];
        for (int m = 0; m < t.count(); m++) {
            double[] x = new double[est.length];
            double[] y = new double[est.length];
            for (int i = 0; i < est.length; i++) {
                x[i] = t.values()[i][m];
                y[i] = est[i][m];
            }
            out[m] = correlation(x, y);
        }
        return out;
    }

    static double correlation(double[] x, double[] y) {
        return fit(x, y)[1];
    }

    /** The least-squares slope of y on x and the correlation of x and y. */
    static double[] fit(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return new double[] {sxy / sxx, sxy / Math.sqrt(sxx * syy + 1e-300)};
    }

    /**
     * Edits of a projected image (per-layer α {@code [L][N]}) that set attribute {@code name} to each of
     * {@code values} ({@link Editing#towards}, θ = 1, the CONTINUE policy): one picture per value.
     */
    public static List<BufferedImage> edits(MystyleModel model, AttributeControl control, double[][] alpha,
            String name, double[] values) {
        double[][] anchors = model.anchorMatrix();
        List<BufferedImage> out = new ArrayList<>();
        for (double v : values) {
            Editing.Towards t = Editing.towards(alpha, anchors, control, Map.of(name, v));
            DirectionProjection proj = DirectionProjection.of(anchors, t.direction());
            Editing.Edit e = Editing.sweep(alpha, proj.gamma(), anchors, new double[] {1}, EdgePolicy.CONTINUE,
                    PersonalSpace.DEFAULT_BETA, null).get(0);
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                out.add(ImageTensors.toImage(model.generator().synthesize(PersonalSpace.tensor(e.wPlus()).unsqueeze(0),
                        NoiseMode.CONST)));
            }
        }
        return out;
    }

    /** {@code count} P₀ samples of the model, as {@code gan4j mystyle sample} draws them (seeded). */
    public static List<BufferedImage> p0Samples(MystyleModel model, int count, long seed) {
        return render(model, null, null, 0, (int) model.anchors().size(0), count, seed);
    }

    /** P₀ samples with attribute {@code name} set to {@code value} ({@code control} null: as drawn). */
    static List<BufferedImage> render(MystyleModel model, AttributeControl control, String name, double value, int n,
            int count, long seed) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            double[][] alphas = PersonalSpace.p0Alphas(count, n, PersonalSpace.ANCHORS_PER_SAMPLE, new Random(seed));
            Tensor w = PersonalSpace.latents(PersonalSpace.tensor(alphas), model.anchors()); // [count,S]
            if (control != null) {
                w = control.set(w, Map.of(name, value));
            }
            var g = model.generator();
            return ImageTensors.toImages(g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.CONST));
        }
    }

    static Row score(String method, AttributeTable t, int m, double[] targets, double[][][] est) {
        List<double[]> pairs = new ArrayList<>(); // (requested, estimated)
        double mae = 0;
        for (int k = 0; k < targets.length; k++) {
            for (double[] e : est[k]) {
                pairs.add(new double[] {targets[k], e[m]});
                mae += Math.abs(e[m] - targets[k]);
            }
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double[] slopeAndCorrelation = fit(x, y);
        double drift = 0;
        int others = 0;
        for (int j = 0; j < t.count(); j++) {
            if (j == m) {
                continue;
            }
            drift += Math.abs(mean(est[targets.length - 1], j) - mean(est[0], j));
            others++;
        }
        return new Row(method, t.names().get(m), slopeAndCorrelation[1], slopeAndCorrelation[0], mae / x.length,
                others == 0 ? 0 : drift / others);
    }

    private static double mean(double[][] e, int j) {
        double s = 0;
        for (double[] row : e) {
            s += row[j];
        }
        return s / e.length;
    }
}
