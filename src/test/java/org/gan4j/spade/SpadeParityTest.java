package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Module;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/**
 * gan4j's SPADE networks against the official NVlabs/SPADE code run on the same random weights and inputs
 * (parity/spade/README.md): eval outputs, training-mode outputs (batch statistics and one power iteration), the
 * buffers after that training forward, and eval again from those buffers.
 */
class SpadeParityTest {

    /**
     * Relative tolerance for a deep network's output against the fixture: the float32 sums of ~20 layers are
     * ordered differently by each side's kernels (the README measured 3e-6 of the output's scale from the input's
     * memory layout alone); 4e-5 of the largest output is ten times the spread measured across kernel sets.
     */
    private static final double REL = 4e-5;

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture(String name) throws Exception {
        Path p = Path.of(SpadeParityTest.class.getResource("/parity/spade/" + name).toURI());
        return (Map<String, Object>) PtFile.load(p);
    }

    static double maxAbs(Tensor a, Tensor b) {
        assertThat(a.shape()).containsExactly(b.shape());
        return torch.max(torch.abs(a.sub(b))).item_double();
    }

    static void assertClose(Tensor actual, Tensor expected, String what) {
        double scale = Math.max(1e-3, torch.max(torch.abs(expected)).item_double());
        assertThat(maxAbs(actual, expected)).as(what + " (scale " + scale + ")").isLessThanOrEqualTo(REL * scale);
    }

    @SuppressWarnings("unchecked")
    static void assertBuffers(Module m, Object after, String what) {
        Map<String, Tensor> expected = (Map<String, Tensor>) after;
        Map<String, Tensor> own = m.stateDict();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor mine = own.get(e.getKey());
            assertThat(mine).as(what + " has " + e.getKey()).isNotNull();
            if (e.getKey().endsWith("num_batches_tracked")) {
                assertThat(mine.item_long()).as(e.getKey()).isEqualTo(e.getValue().item_long());
            } else {
                assertClose(mine, e.getValue().to(torch.ScalarType.Float), what + " " + e.getKey());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatorFromTheLabelMap() throws Exception {
        Map<String, Object> f = fixture("generator_seg.pt");
        SpadeNets nets = SpadeNets.defaults(5).withDontcare(true).withInstance(true).withWidths(2, 64)
                .withCrop(64, 2.0, Upsampling.NORMAL);
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); SpadeGenerator g = new SpadeGenerator(nets)) {
            g.loadStateDict((Map<String, Tensor>) f.get("state"), "generator_seg.pt");
            Tensor seg = (Tensor) f.get("semantics");
            g.eval();
            assertClose(g.forward(seg, null), (Tensor) f.get("y_eval"), "eval");
            g.train(true);
            assertClose(g.forward(seg, null), (Tensor) f.get("y_train"), "training forward");
            assertBuffers(g, f.get("state_after_train"), "after the training forward");
            g.eval();
            assertClose(g.forward(seg, null), (Tensor) f.get("y_eval_after_train"), "eval after training forward");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatorFromAStyleCodeWithMostUpsampling() throws Exception {
        Map<String, Object> f = fixture("generator_vae.pt");
        SpadeNets nets = SpadeNets.defaults(4).withWidths(2, 64).withCrop(128, 1.0, Upsampling.MOST).withVae(true);
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); SpadeGenerator g = new SpadeGenerator(nets)) {
            g.loadStateDict((Map<String, Tensor>) f.get("state"), "generator_vae.pt");
            Tensor label = ((Tensor) f.get("label")).squeeze(1);
            Tensor seg = torch.one_hot(label, 4).permute(0, 3, 1, 2).to(torch.ScalarType.Float).contiguous();
            Tensor z = (Tensor) f.get("z");
            g.eval();
            assertClose(g.forward(seg, z), (Tensor) f.get("y_eval"), "eval");
            g.train(true);
            assertClose(g.forward(seg, z), (Tensor) f.get("y_train"), "training forward");
            assertBuffers(g, f.get("state_after_train"), "after the training forward");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void styleEncoder() throws Exception {
        Map<String, Object> f = fixture("encoder.pt");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
             ConvEncoder e = new ConvEncoder(4, 256, NonSpadeNorm.SPECTRAL_INSTANCE)) {
            e.loadStateDict((Map<String, Tensor>) f.get("state"), "encoder.pt");
            Tensor x = (Tensor) f.get("image");
            e.eval();
            ConvEncoder.Posterior q = e.forward(x);
            assertClose(q.mu(), (Tensor) f.get("mu_eval"), "mu eval");
            assertClose(q.logvar(), (Tensor) f.get("logvar_eval"), "logvar eval");
            assertClose(q.sample((Tensor) f.get("eps")), (Tensor) f.get("z"), "reparameterised z");
            e.train(true);
            q = e.forward(x);
            assertClose(q.mu(), (Tensor) f.get("mu_train"), "mu train");
            assertClose(q.logvar(), (Tensor) f.get("logvar_train"), "logvar train");
            assertBuffers(e, f.get("state_after_train"), "after the training forward");
            e.eval();
            assertClose(e.forward(x).mu(), (Tensor) f.get("mu_eval_after_train"), "mu eval after training forward");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void multiscaleDiscriminator() throws Exception {
        Map<String, Object> f = fixture("discriminator.pt");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
             MultiscaleDiscriminator d = new MultiscaleDiscriminator(2, 10, 4, 4, NonSpadeNorm.SPECTRAL_INSTANCE)) {
            d.loadStateDict((Map<String, Tensor>) f.get("state"), "discriminator.pt");
            Tensor x = (Tensor) f.get("input");
            d.eval();
            assertFeatures(d.forward(x), (List<Object>) f.get("out_eval"), "eval");
            d.train(true);
            assertFeatures(d.forward(x), (List<Object>) f.get("out_train"), "train");
            assertBuffers(d, f.get("state_after_train"), "after the training forward");
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertFeatures(List<List<Tensor>> mine, List<Object> expected, String what) {
        assertThat(mine).hasSize(expected.size());
        for (int i = 0; i < mine.size(); i++) {
            List<Object> exp = (List<Object>) expected.get(i);
            assertThat(mine.get(i)).hasSize(exp.size());
            for (int j = 0; j < exp.size(); j++) {
                assertClose(mine.get(i).get(j), (Tensor) exp.get(j), what + " D" + i + " layer " + j);
            }
        }
    }
}
