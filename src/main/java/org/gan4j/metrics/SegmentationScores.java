package org.gan4j.metrics;

import org.gan4j.data.LabelMap;

/**
 * A confusion matrix over {@code labelNc} classes, accumulated over every pixel of a set of label maps, and the
 * scores semantic segmentation is measured with. Rows are the ground truth, columns the prediction:
 * {@code C[t][p]} counts pixels of class t predicted as p. With {@code TP_c = C[c][c]},
 * {@code FP_c = Σ_t C[t][c] − TP_c} and {@code FN_c = Σ_p C[c][p] − TP_c}:
 * <pre>
 *   IoU_c          = TP_c / (TP_c + FP_c + FN_c)                 (undefined when class c is in neither)
 *   mIoU           = mean of IoU_c over the classes with TP_c + FP_c + FN_c &gt; 0
 *   pixel accuracy = Σ_c TP_c / Σ_{t,p} C[t][p]
 * </pre>
 * The matrix is the whole set's (one for all images, not a mean of per-image scores), and mIoU averages over the
 * classes present in the ground truth or the prediction anywhere in the set: what {@code np.nanmean} of the
 * per-class IoU gives in the DRN evaluation SPADE used for Cityscapes ({@code fast_hist}, {@code per_class_iu}).
 * A class absent from both is left out rather than counted as 0 (as the CSAIL/UperNet script's {@code iou.mean()}
 * would, which makes no difference on ADE20K's validation set, where every class occurs).
 *
 * <p>Ground-truth pixels with the don't-care id (when there is one: id {@code labelNc}) are not counted,
 * whatever was predicted there. Predictions must be class ids 0..labelNc−1.
 */
public final class SegmentationScores {

    /** The summary of a set: mIoU and pixel accuracy (both in [0, 1]), over {@code pixels} counted pixels. */
    public record Score(double meanIou, double pixelAccuracy, long pixels) {}

    private final int labelNc;
    private final int ignoreId;
    private final long[][] confusion;

    /**
     * @param labelNc  number of classes
     * @param dontCare whether ground-truth id {@code labelNc} marks pixels not to count
     */
    public SegmentationScores(int labelNc, boolean dontCare) {
        if (labelNc < 1) {
            throw new IllegalArgumentException("SegmentationScores: labelNc must be at least 1, got " + labelNc);
        }
        this.labelNc = labelNc;
        this.ignoreId = dontCare ? labelNc : -1;
        this.confusion = new long[labelNc][labelNc];
    }

    /** Counts one prediction against its ground truth (same size). */
    public SegmentationScores add(LabelMap truth, LabelMap prediction) {
        if (truth.width() != prediction.width() || truth.height() != prediction.height()) {
            throw new IllegalArgumentException("SegmentationScores: ground truth is " + truth.width() + "x" + truth.height()
                    + " but the prediction " + prediction.width() + "x" + prediction.height());
        }
        return add(truth.ids(), prediction.ids());
    }

    /** Counts predicted ids against ground-truth ids, pixel by pixel (arrays of one length). */
    public SegmentationScores add(int[] truth, int[] prediction) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException("SegmentationScores: " + truth.length + " ground-truth ids but "
                    + prediction.length + " predicted");
        }
        for (int i = 0; i < truth.length; i++) { // check everything first: a refused call counts nothing
            int t = truth[i];
            int p = prediction[i];
            if (t != ignoreId && (t < 0 || t >= labelNc)) {
                throw new IllegalArgumentException("SegmentationScores: ground-truth id " + t + " at " + i
                        + " is outside 0.." + (labelNc - 1) + (ignoreId >= 0 ? " and not the don't-care id " + ignoreId : ""));
            }
            if (p < 0 || p >= labelNc) {
                throw new IllegalArgumentException("SegmentationScores: predicted id " + p + " at " + i
                        + " is outside 0.." + (labelNc - 1));
            }
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != ignoreId) {
                confusion[truth[i]][prediction[i]]++;
            }
        }
        return this;
    }

    public int labelNc() {
        return labelNc;
    }

    /** A copy of the confusion matrix, {@code [truth][prediction]}. */
    public long[][] confusion() {
        long[][] out = new long[labelNc][];
        for (int c = 0; c < labelNc; c++) {
            out[c] = confusion[c].clone();
        }
        return out;
    }

    /** Pixels counted so far (don't-care pixels excluded). */
    public long pixels() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    /** IoU of every class; {@code NaN} for a class in neither the ground truth nor the prediction. */
    public double[] iou() {
        double[] out = new double[labelNc];
        for (int c = 0; c < labelNc; c++) {
            long tp = confusion[c][c];
            long truthC = 0;
            long predC = 0;
            for (int k = 0; k < labelNc; k++) {
                truthC += confusion[c][k];
                predC += confusion[k][c];
            }
            long union = truthC + predC - tp;
            out[c] = union == 0 ? Double.NaN : (double) tp / union;
        }
        return out;
    }

    /** The classes in the ground truth or the prediction: those mIoU averages over. */
    public int classesPresent() {
        int n = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Mean IoU over the classes present in the ground truth or the prediction; NaN before any pixel. */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The share of counted pixels predicted right; NaN before any pixel. */
    public double pixelAccuracy() {
        long right = 0;
        for (int c = 0; c < labelNc; c++) {
            right += confusion[c][c];
        }
        long n = pixels();
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** mIoU, pixel accuracy and the pixel count. */
    public Score score() {
        return new Score(meanIou(), pixelAccuracy(), pixels());
    }
}
