package org.gan4j.stylegan2;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.FixedSeedOutputs;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** A tiny StyleGAN2 trained 5 iterations at seed 3 gives the stored images and critic scores (within float rounding). */
class Stylegan2FixedSeedTest {

    /**
     * The largest absolute difference allowed from the fixture (images in about [−1, 1]): 10x the spread measured
     * between libtorch's CPU kernels on one machine. avx2 and avx512 gave identical numbers; the scalar kernels
     * (ATEN_CPU_CAPABILITY=default) differed by up to 1.05e-5 (g_ema), 8.5e-6 (g) and 1.7e-6 (D's scores).
     */
    static final double TOLERANCE = 1e-4;

    @Test
    void imagesAfterFiveIterationsAtSeed3AreTheStoredOnes() {
        // 5 iterations: lazy R1 and path length run at iteration 0, path length again at 4 (g_reg_every = 4).
        Stylegan2Config c = TinyTraining.config(5, 3);
        try (Stylegan2Trainer t = TinyTraining.trainer(c, new Lanes(2, 1))) {
            t.beginStage(0, 0);
            for (long i = 0; i < c.iters(); i++) {
                try (Scope s = new Scope()) {
                    t.step(0, i);
                    t.emas().forEach(org.gan4j.train.Ema::update); // what the loop does after a step
                }
            }
            t.endStage(0);
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor z = torch.randn(new long[] {4, c.styleDim()}, new GeneratorOptional(torch.make_generator_cpu(7)));
                Map<String, Tensor> out = new LinkedHashMap<>();
                Tensor fake = t.g().forward(Styles.z(z), NoiseMode.CONST); // [4,3,16,16]
                out.put("g", fake);
                out.put("g_ema", t.gEma().forward(Styles.z(z), NoiseMode.CONST)); // [4,3,16,16]
                out.put("d_of_g", t.d().forward(fake)); // [4,1]
                out.put("mean_path_length", Tensors.scalar(t.meanPathLength()));
                FixedSeedOutputs.check("stylegan2-tiny-seed3", out, TOLERANCE);
            }
        }
    }
}
