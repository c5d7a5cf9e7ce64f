package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Faces;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Init;
import org.gan4j.nn.Linear;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * A small identity-embedding network for the evaluation on {@code builtin:faces} (issue 15's "identity network gan4j
 * trains on other procedural identities"): the {@link FaceNet} trunk and a linear layer to a unit-length code,
 * trained as a cosine classifier (normalised softmax: logits = s·cos(e, c_k)) over identities that exclude the
 * evaluated person. Identity similarity is then the cosine of codes — a stand-in for the face-recognition network
 * (ArcFace) of the paper's evaluation, which gan4j cannot download.
 */
public final class IdentityEmbedding extends FaceNet {

    /** The code's length. */
    public static final int DIM = 64;
    /** The input side: the shipped faces generator's size. */
    public static final int SIZE = FaceNet.SIZE;
    /** The cosine classifier's scale s. */
    static final double SCALE = 16;

    private final Linear fc;

    public IdentityEmbedding() {
        fc = registerModule("fc", new Linear(FEATURES, DIM));
    }

    /** Unit-length identity codes {@code [N,DIM]} of images {@code [N,3,64,64]} in [−1, 1]. */
    public Tensor forward(Tensor x) {
        return unit(fc.forward(features(x))); // [N,DIM]
    }

    /** Rows scaled to length 1. */
    static Tensor unit(Tensor e) { // [N,D] -> [N,D]
        return e.div(e.pow(Tensors.s(2)).sum(new long[] {1}, true, new ScalarTypeOptional()).add(Tensors.s(1e-12)).sqrt());
    }

    /** Codes of pictures, no graph. */
    public Tensor embed(List<BufferedImage> images) {
        try (NoGrad ng = new NoGrad()) {
            return Scope.keepAlive(forward(ImageTensors.fromImages(images)));
        }
    }

    /** The cosine of each code to the unit mean code of {@code reference}: {@code [N]}. */
    public double[] similarity(List<BufferedImage> images, List<BufferedImage> reference) {
        try (Scope s = new Scope()) {
            Tensor ref = unit(embed(reference).mean(new long[] {0}, true, new ScalarTypeOptional())); // [1,D]
            Tensor cos = embed(images).matmul(ref.t()).reshape(-1); // [N]
            float[] f = Tensors.floats(cos.contiguous());
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    /**
     * Trains a network on pictures {@code 0 .. perIdentity−1} of identities {@code 0 .. identities−1} (the shipped
     * generator's training identities; an evaluated person should lie outside them), Adam 1e-3, batch 64.
     */
    public static IdentityEmbedding train(int identities, int perIdentity, int steps, long seed, Progress progress) {
        Seeds.seed(seed);
        IdentityEmbedding net = new IdentityEmbedding();
        List<BufferedImage> images = new ArrayList<>();
        float[] labels = new float[identities * perIdentity];
        for (int id = 0; id < identities; id++) {
            for (int v = 0; v < perIdentity; v++) {
                labels[images.size()] = id;
                images.add(Faces.draw(id, v, SIZE).image());
            }
        }
        try (Scope s = new Scope()) {
            Tensor x = ImageTensors.fromImages(images); // [M,3,64,64]
            Tensor y = Tensors.of(labels, labels.length).to(torch.ScalarType.Long); // [M]
            Tensor centres = Scope.keepAlive(Tensors.empty(identities, DIM).requires_grad_(true)); // [K,D]
            try (NoGrad ng = new NoGrad()) {
                Init.uniform(centres, -1, 1);
            }
            List<Tensor> params = new ArrayList<>(net.parameters());
            params.add(centres);
            Adam opt = new Adam(params, 1e-3, 0.9, 0.999);
            Random r = new Random(seed);
            int batch = Math.min(64, labels.length);
            progress.beginStage("identity network, " + identities + " identities", steps, 0);
            for (int i = 0; i < steps; i++) {
                try (Scope st = new Scope()) {
                    float[] pick = new float[batch];
                    for (int b = 0; b < batch; b++) {
                        pick[b] = r.nextInt(labels.length);
                    }
                    Tensor idx = Tensors.of(pick, batch).to(torch.ScalarType.Long);
                    Tensor logits = net.forward(x.index_select(0, idx)).matmul(unit(centres).t())
                            .mul(Tensors.s(SCALE)); // [B,K]
                    Tensor target = y.index_select(0, idx).view(-1, 1);
                    Tensor xent = torch.log_softmax(logits, 1).gather(1, target).mean().neg();
                    opt.step(Autograd.zerosForUndefined(Autograd.grad(xent, params, null, false), params));
                    Map<String, Double> shown = new LinkedHashMap<>();
                    shown.put("cross_entropy", xent.item_double());
                    progress.update(i + 1, shown);
                }
            }
            progress.endStage();
        }
        net.requiresGrad(false);
        return net;
    }
}
