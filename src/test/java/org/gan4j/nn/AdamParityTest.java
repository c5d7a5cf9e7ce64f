package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** Adam against torch.optim.Adam on the same gradients, for SinGAN's and StyleGAN2's settings (parity/adam/README.md). */
class AdamParityTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyStepMatchesTorchOptimAdam() throws Exception {
        Path file = Path.of(AdamParityTest.class.getResource("/parity/adam/adam.pt").toURI());
        Map<?, ?> root = (Map<?, ?>) PtFile.load(file);
        List<Map<?, ?>> cases = (List<Map<?, ?>>) root.get("cases");
        assertThat(cases.stream().map(c -> (Object) c.get("name")).toList())
                .containsExactly("singan", "stylegan2_reg_every_4", "stylegan2_reg_every_16");
        for (Map<?, ?> c : cases) {
            try (Scope s = new Scope()) {
                replay(c);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<?, ?> c) {
        String name = (String) c.get("name");
        double lr = (Double) c.get("lr");
        List<Tensor> params = new ArrayList<>();
        for (Object p : (List<?>) c.get("params")) {
            params.add(((Tensor) p).clone());
        }
        Adam adam = new Adam(params, lr, (Double) c.get("beta1"), (Double) c.get("beta2"), (Double) c.get("eps"));
        List<List<Tensor>> grads = (List<List<Tensor>>) c.get("grads");
        List<List<Tensor>> after = (List<List<Tensor>>) c.get("after");
        for (int k = 0; k < grads.size(); k++) {
            adam.step(grads.get(k)); // null entries: no gradient, the parameter is skipped as PyTorch skips it
            for (int i = 0; i < params.size(); i++) {
                // Each step rounds the parameter once when the update is added (≤ ½ ulp of |p|) and the update itself,
                // ~lr·m̂/(√v̂+ε) with |m̂/√v̂| of order 1, carries a few float32 roundings (≤ ~8 ulp of lr); the two
                // implementations may round differently, so after k steps they may differ by k times both.
                assertClose(params.get(i), after.get(k).get(i), k + 1, lr, name + " step " + (k + 1) + " param " + i);
            }
        }
        List<Long> steps = (List<Long>) c.get("step");
        List<Tensor> expAvg = (List<Tensor>) c.get("exp_avg");
        List<Tensor> expAvgSq = (List<Tensor>) c.get("exp_avg_sq");
        for (int i = 0; i < params.size(); i++) {
            assertThat(adam.step(i)).as(name + " steps of param " + i).isEqualTo(steps.get(i));
            // Moments: one multiply-add per step, a few ulps of their own magnitude each.
            assertClose(adam.expAvg(i), expAvg.get(i), grads.size(), 0, name + " exp_avg " + i);
            assertClose(adam.expAvgSq(i), expAvgSq.get(i), grads.size(), 0, name + " exp_avg_sq " + i);
        }
    }

    private static void assertClose(Tensor actual, Tensor expected, int steps, double lr, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        float[] a = Tensors.floats(actual);
        float[] e = Tensors.floats(expected);
        for (int j = 0; j < e.length; j++) {
            double tol = steps * (2 * Math.ulp(Math.abs(e[j])) + 8 * Math.ulp((float) lr));
            assertThat((double) a[j]).as(what + " element " + j).isCloseTo(e[j], org.assertj.core.api.Assertions.within(tol));
        }
    }
}
