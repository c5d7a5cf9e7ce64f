package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Test;

/** gan4j's GrowingGenerator against the official one on the same random weights and noise (fixture: its README). */
class ConSinGANParityTest {

    @Test
    void growingGeneratorMatchesTheOfficialForward() throws Exception {
        Path f = Path.of(getClass().getResource("/parity/consingan/generator.pt").toURI());
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<?, ?> fx = (Map<?, ?>) PtFile.load(f);
            ConSinGANConfig c = ConSinGANConfig.paper().withNfc(8);
            GrowingGenerator g = new GrowingGenerator(c);
            g.initNextStage();
            g.initNextStage();
            g.loadStateDict(StateDict.tensors(fx.get("netG"), "fixture netG"), "fixture netG");
            @SuppressWarnings("unchecked")
            List<Tensor> noise = (List<Tensor>) fx.get("noise");
            int[] hs = ((List<?>) fx.get("heights")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            int[] ws = ((List<?>) fx.get("widths")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            double[] amp = ((List<?>) fx.get("noise_amp")).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            Tensor out = g.forward(noise, hs, ws, amp);
            Tensor expected = (Tensor) fx.get("out");
            assertThat(out.shape()).containsExactly(expected.shape());
            double maxDiff = out.sub(expected).abs().max().item_double();
            double scale = expected.abs().max().item_double();
            System.out.printf("ConSinGAN generator parity: max |diff| %.3g (outputs up to %.3g)%n", maxDiff, scale);
            assertThat(maxDiff).isLessThan(1e-6);
        }
    }
}
