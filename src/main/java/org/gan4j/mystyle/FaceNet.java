package org.gan4j.mystyle;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;

/**
 * The small convolutional trunk of the evaluation networks on {@code builtin:faces} pictures: four stride-2 3×3
 * convolutions with LeakyReLU 0.2, 64 px → 128 features at 4×4 (keys {@code c1} … {@code c4}).
 */
abstract class FaceNet extends Module {

    /** The input side: the shipped faces generator's size. */
    static final int SIZE = 64;
    /** The trunk's output length, 128·4·4. */
    static final int FEATURES = 128 * 16;

    private final List<Conv2d> convs;

    FaceNet() {
        convs = List.of(
                registerModule("c1", new Conv2d(3, 32, 3, 2, 1, true)),    // 64 -> 32
                registerModule("c2", new Conv2d(32, 64, 3, 2, 1, true)),   // -> 16
                registerModule("c3", new Conv2d(64, 128, 3, 2, 1, true)),  // -> 8
                registerModule("c4", new Conv2d(128, 128, 3, 2, 1, true))); // -> 4
    }

    /** Features {@code [N,2048]} of images {@code [N,3,64,64]} in [−1, 1]. */
    Tensor features(Tensor x) {
        Shapes.check(x, "images", -1, 3, SIZE, SIZE);
        Tensor h = x;
        for (Conv2d c : convs) {
            h = torch.leaky_relu(c.forward(h), Tensors.s(0.2));
        }
        return h.reshape(h.size(0), -1);
    }
}
