package org.gan4j.singan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;

/** The training image at every scale (official creat_reals_pyramid), coarsest first. */
public final class Reals {

    private Reals() {}

    /**
     * @param image the training image, [1,3,H,W] in [-1,1], at its original size
     * @param p     the planned pyramid for that size
     * @return x_0..x_N, each [1,3,H_n,W_n], kept alive beyond the caller's scopes
     */
    public static List<Tensor> build(Tensor image, Pyramid p) {
        List<Tensor> out = new ArrayList<>();
        try (Scope s = new Scope()) {
            Tensor real = Imresize.imresize(image, p.scale1());
            for (int i = 0; i <= p.stopScale(); i++) {
                double scale = Math.pow(p.scaleFactor(), p.stopScale() - i);
                Tensor x = Imresize.imresize(real, scale);
                if (x.size(2) != p.heights()[i] || x.size(3) != p.widths()[i]) {
                    throw new IllegalStateException("scale " + i + " came out " + x.size(3) + "x" + x.size(2)
                            + ", planned " + p.widths()[i] + "x" + p.heights()[i]);
                }
                out.add(Scope.keepAlive(x.contiguous()));
            }
        }
        return out;
    }
}
