package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.loss.ImageDistance;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * The evaluation's enhancements of a held-out {@code builtin:faces} picture of the person, each a projection into
 * P_β ({@link AlphaProjector}): plain, inpainting of a band over both eyes (the known pixels copied back), and
 * super-resolution from {@link #SR_FACTOR}× smaller.
 *
 * @param plain  the plain projection
 * @param masked the picture with the eye band blanked, {@code [1,3,H,W]}
 * @param filled the inpainting: known pixels kept, the band from the projection, {@code [1,3,H,W]}
 * @param inpainted the inpainting's projection
 * @param low    the picture {@link #SR_FACTOR}× smaller, {@code [1,3,H/F,W/F]}
 * @param up     the super-resolution's projection
 */
public record HeldOutApplications(AlphaProjector.Result plain, Tensor masked, Tensor filled,
        AlphaProjector.Result inpainted, Tensor low, AlphaProjector.Result up) {

    /** Super-resolution factor. */
    public static final int SR_FACTOR = 4;

    /** Projects {@code held} three ways into the P_β of {@code anchors} under {@code g}. */
    public static HeldOutApplications run(Generator g, Tensor anchors, FaceSample held, ImageDistance distance,
            AlphaProjector.Options options, Progress progress) {
        int size = g.config().size();
        Tensor y = ImageTensors.fromImage(held.image()); // [1,3,H,W]
        AlphaProjector.Result plain = AlphaProjector.project(g, anchors, y, Degradation.none(), distance, options,
                progress);
        Tensor mask = eyesMask(held, size); // [1,1,H,W], 1 = known
        Degradation hole = Degradation.hole(mask);
        Tensor masked = hole.apply(y);
        AlphaProjector.Result inpainted = AlphaProjector.project(g, anchors, masked, hole, distance, options, progress);
        Tensor filled = y.mul(mask).add(inpainted.image().mul(torch.ones_like(mask).sub(mask)));
        Degradation sr = Degradation.downsample(SR_FACTOR);
        Tensor low = sr.apply(y);
        AlphaProjector.Result up = AlphaProjector.project(g, anchors, low, sr, distance, options, progress);
        return new HeldOutApplications(plain, Scope.keepAlive(masked), Scope.keepAlive(filled), inpainted,
                Scope.keepAlive(low), up);
    }

    /** The three results: the projection, the inpainting (known pixels kept), the super-resolution. */
    public List<BufferedImage> results() {
        return List.of(ImageTensors.toImage(plain.image()), ImageTensors.toImage(filled),
                ImageTensors.toImage(up.image()));
    }

    /** 1 everywhere but a band over both eyes of {@code face} ({@code [1,1,H,W]}). */
    public static Tensor eyesMask(FaceSample face, int size) {
        double[] l = face.keypoints()[Faces.KEYPOINTS.indexOf("left_eye")];
        double[] r = face.keypoints()[Faces.KEYPOINTS.indexOf("right_eye")];
        double pad = 0.12 * size;
        double x0 = Math.min(l[0], r[0]) - pad;
        double x1 = Math.max(l[0], r[0]) + pad;
        double y0 = Math.min(l[1], r[1]) - 0.7 * pad;
        double y1 = Math.max(l[1], r[1]) + 0.7 * pad;
        float[] m = new float[size * size];
        for (int yy = 0; yy < size; yy++) {
            for (int xx = 0; xx < size; xx++) {
                m[yy * size + xx] = xx >= x0 && xx <= x1 && yy >= y0 && yy <= y1 ? 0f : 1f;
            }
        }
        return Tensors.of(m, 1, 1, size, size);
    }
}
