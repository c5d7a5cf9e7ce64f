package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Conv2d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --amp}: bfloat16 autocast on every computing thread, float32 parameters, and a model still learns. */
class AutocastTest {

    @AfterEach
    void off() {
        Autocast.enable(false);
    }

    private static ScalarType convType() {
        try (Scope s = new Scope()) {
            Tensor y = torch.conv2d(Tensors.randn(1, 3, 8, 8), Tensors.randn(4, 3, 3, 3));
            return y.scalar_type().intern();
        }
    }

    @Test
    void convolutionsRunInBfloat16OnTheCallerAndOnAHelperLaneThenBackToFloat32() throws Exception {
        Autocast.enable(true);
        assertThat(convType()).isEqualTo(ScalarType.BFloat16);
        try (Lanes lanes = new Lanes(2, 1)) {
            assertThat(lanes.fork(AutocastTest::convType).join()).isEqualTo(ScalarType.BFloat16);
            Autocast.enable(false);
            assertThat(convType()).isEqualTo(ScalarType.Float);
            assertThat(lanes.fork(AutocastTest::convType).join()).as("the helper lane follows").isEqualTo(ScalarType.Float);
        }
    }

    @Test
    void aConvolutionLearnsUnderMixedPrecisionAndKeepsFloat32Weights() {
        Seeds.seed(3);
        try (Scope s = new Scope()) {
            Conv2d target = new Conv2d(3, 4, 3, 1, 1, true);
            Conv2d f = new Conv2d(3, 4, 3, 1, 1, true);
            Tensor x = Scope.keepAlive(Tensors.randn(8, 3, 12, 12));
            Tensor y;
            try (NoGrad ng = new NoGrad()) {
                y = Scope.keepAlive(target.forward(x));
            }
            Autocast.enable(true);
            List<Tensor> params = List.copyOf(f.namedParameters().values());
            Adam adam = new Adam(params, 1e-2, 0.9, 0.999);
            double first = Double.NaN;
            double last = Double.NaN;
            for (int step = 0; step < 60; step++) {
                try (Scope st = new Scope()) {
                    Tensor out = f.forward(x);
                    assertThat(out.scalar_type().intern()).isEqualTo(ScalarType.BFloat16);
                    Tensor loss = out.to(ScalarType.Float).sub(y).pow(Tensors.s(2.0)).mean();
                    last = Tensors.value(loss);
                    if (step == 0) {
                        first = last;
                    }
                    List<Tensor> grads = Autograd.grad(loss, params, null, false);
                    for (Tensor g : grads) {
                        assertThat(g.scalar_type().intern()).isEqualTo(ScalarType.Float);
                    }
                    adam.step(grads);
                }
            }
            assertThat(last).as("loss after 60 steps, from %s", first).isLessThan(first * 0.2);
            for (Tensor p : f.namedParameters().values()) {
                assertThat(p.scalar_type().intern()).isEqualTo(ScalarType.Float);
            }
        }
    }
}
