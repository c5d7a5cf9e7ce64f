package org.gan4j.cocosnet;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.InstanceNorm;
import org.gan4j.nn.Module;
import org.gan4j.nn.Padding;
import org.gan4j.nn.Prelu;

/**
 * The residual block of the correspondence trunk (official {@code ResidualBlock}): reflection pad, 3×3 conv,
 * instance norm, PReLU, reflection pad, 3×3 conv, instance norm, + x, PReLU (one PReLU module, its one slope used
 * twice). Keys {@code conv1.*}, {@code conv2.*}, {@code prelu.weight}.
 */
public final class CorrResidualBlock extends Module {

    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Prelu prelu;

    public CorrResidualBlock(int channels) {
        conv1 = registerModule("conv1", new Conv2d(channels, channels, 3, 1, 0, true));
        conv2 = registerModule("conv2", new Conv2d(channels, channels, 3, 1, 0, true));
        prelu = registerModule("prelu", new Prelu());
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> same
        Tensor out = prelu.forward(InstanceNorm.apply(conv1.forward(Padding.REFLECT.pad(x, 1))));
        out = InstanceNorm.apply(conv2.forward(Padding.REFLECT.pad(out, 1)));
        return prelu.forward(out.add(x));
    }
}
