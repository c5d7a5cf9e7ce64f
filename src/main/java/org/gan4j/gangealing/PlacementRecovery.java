package org.gan4j.gangealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * How much of each held-out {@code builtin:faces} picture's placement the similarity STN undoes. A face is drawn
 * at angle θ, scale s and shift (t_x, t_y) (in units of the image side); a similarity STN that congeals it must
 * sample the source along M = [[s' cos θ', −s' sin θ', t'_x], [s' sin θ', s' cos θ', t'_y]] with θ' = θ + c,
 * log s' = log s + c and t' = 2t + c (coordinates in [−1, 1]), constants c for the canonical pose. Regressing each
 * predicted parameter on the true one over many faces gives a slope (1: fully undone, 0: ignored) and a correlation
 * — a finer reading than PCK of what the transformer has learnt, available only where the truth is known.
 *
 * @param rotation θ' against θ (radians)
 * @param logScale log s' against log s
 * @param shiftX   t'_x against 2·t_x
 * @param shiftY   t'_y against 2·t_y
 */
public record PlacementRecovery(Fit rotation, Fit logScale, Fit shiftX, Fit shiftY) {

    /**
     * A least-squares line y ≈ a + slope·x over paired values.
     *
     * @param slope       cov(x, y) / var(x)
     * @param correlation Pearson's r (NaN when either side is constant)
     */
    public record Fit(double slope, double correlation) {

        public static Fit of(double[] x, double[] y) {
            int n = x.length;
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += x[i] / n;
                my += y[i] / n;
            }
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
                sxy += (x[i] - mx) * (y[i] - my);
            }
            return new Fit(sxy / sxx, sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN);
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f / %s", slope,
                    Double.isNaN(correlation) ? "–" : String.format(Locale.ROOT, "%.2f", correlation));
        }
    }

    /** The similarity STN of {@code m} on held-out faces {@code first .. first + count − 1} at the model's size. */
    public static PlacementRecovery measure(GangealingModel m, long first, int count, int iters) {
        int px = m.inputSize();
        List<FaceSample> faces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faces.add(Faces.sample(first + i, px));
        }
        double[][] truth = new double[4][count];
        double[][] predicted = new double[4][count];
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = ImageTensors.fromImages(faces.stream().map(FaceSample::image).toList()); // [N,3,px,px]
            Tensor warp = m.stn().similarity().forward(x, x, Warping.defaults().iters(iters), null, null).warp();
            float[] a = Tensors.floats(warp.reshape(count, 6).contiguous()); // rows of M, [N,6]
            for (int i = 0; i < count; i++) {
                FaceAttributes at = faces.get(i).attributes();
                truth[0][i] = at.angle();
                truth[1][i] = Math.log(at.scale());
                truth[2][i] = 2 * at.tx();
                truth[3][i] = 2 * at.ty();
                predicted[0][i] = Math.atan2(a[6 * i + 3], a[6 * i]);
                predicted[1][i] = Math.log(Math.hypot(a[6 * i], a[6 * i + 3]));
                predicted[2][i] = a[6 * i + 2];
                predicted[3][i] = a[6 * i + 5];
            }
        }
        return new PlacementRecovery(Fit.of(truth[0], predicted[0]), Fit.of(truth[1], predicted[1]),
                Fit.of(truth[2], predicted[2]), Fit.of(truth[3], predicted[3]));
    }

    /** One line: slope / correlation per parameter. */
    public String describe() {
        return "rotation " + rotation.describe() + ", log scale " + logScale.describe() + ", x shift "
                + shiftX.describe() + ", y shift " + shiftY.describe();
    }
}
