package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.Faces;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Linear;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * MyStyle++'s attribute estimator f_a for {@code builtin:faces} (issue 15: "a small regressor gan4j trains on
 * procedural images with their true attributes"): the {@link FaceNet} trunk and a linear layer to
 * (yaw, expression, eye opening), trained by MSE on pictures of many identities with the values they were drawn
 * with. It scores generated faces: what a requested attribute came out as.
 */
public final class AttributeEstimator extends FaceNet {

    private final Linear fc;

    public AttributeEstimator() {
        fc = registerModule("fc", new Linear(FEATURES, AttributeTable.FACES.size()));
    }

    /** (yaw, expression, eye opening) {@code [N,3]} of images {@code [N,3,64,64]} in [−1, 1]. */
    public Tensor forward(Tensor x) {
        return fc.forward(features(x));
    }

    /** The estimates of pictures, [N][3]. */
    public double[][] estimate(List<BufferedImage> images) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return PersonalSpace.matrix(forward(ImageTensors.fromImages(images)).contiguous());
        }
    }

    /** The true (yaw, expression, eye opening) of a procedural picture. */
    static float[] truth(FaceAttributes a) {
        return new float[] {(float) a.yaw(), (float) a.smile(), (float) a.eyeOpening()};
    }

    /**
     * Trains on pictures {@code 0 .. perIdentity−1} of identities {@code first .. first+identities−1}, Adam 1e-3,
     * batch 64; returns the net, and the mean absolute error per attribute on {@code heldOut} other pictures in
     * {@code errors} when it is not null.
     */
    public static AttributeEstimator train(int first, int identities, int perIdentity, int steps, long seed,
            Progress progress, double[] errors) {
        Seeds.seed(seed);
        AttributeEstimator net = new AttributeEstimator();
        List<BufferedImage> images = new ArrayList<>();
        float[] y = new float[identities * perIdentity * 3];
        for (int id = first; id < first + identities; id++) {
            for (int v = 0; v < perIdentity; v++) {
                var f = Faces.draw(id, v, SIZE);
                System.arraycopy(truth(f.attributes()), 0, y, images.size() * 3, 3);
                images.add(f.image());
            }
        }
        try (Scope s = new Scope()) {
            Tensor x = ImageTensors.fromImages(images); // [M,3,64,64]
            Tensor t = Tensors.of(y, images.size(), 3);
            List<Tensor> params = net.parameters();
            Adam opt = new Adam(params, 1e-3, 0.9, 0.999);
            Random r = new Random(seed);
            int batch = Math.min(64, images.size());
            progress.beginStage("attribute estimator, " + images.size() + " pictures", steps, 0);
            for (int i = 0; i < steps; i++) {
                try (Scope st = new Scope()) {
                    float[] pick = new float[batch];
                    for (int b = 0; b < batch; b++) {
                        pick[b] = r.nextInt(images.size());
                    }
                    Tensor idx = Tensors.of(pick, batch).to(torch.ScalarType.Long);
                    Tensor mse = torch.mse_loss(net.forward(x.index_select(0, idx)), t.index_select(0, idx));
                    opt.step(Autograd.zerosForUndefined(Autograd.grad(mse, params, null, false), params));
                    Map<String, Double> shown = new LinkedHashMap<>();
                    shown.put("mse", mse.item_double());
                    progress.update(i + 1, shown);
                }
            }
            progress.endStage();
        }
        net.requiresGrad(false);
        if (errors != null) {
            List<BufferedImage> held = new ArrayList<>();
            List<float[]> truths = new ArrayList<>();
            for (int k = 0; k < 200; k++) { // other identities
                var f = Faces.draw(first + identities + 1000 + k, k % Faces.PER_IDENTITY, SIZE);
                held.add(f.image());
                truths.add(truth(f.attributes()));
            }
            double[][] est = net.estimate(held);
            for (int k = 0; k < est.length; k++) {
                for (int j = 0; j < 3; j++) {
                    errors[j] += Math.abs(est[k][j] - truths.get(k)[j]) / est.length;
                }
            }
        }
        return net;
    }
}
