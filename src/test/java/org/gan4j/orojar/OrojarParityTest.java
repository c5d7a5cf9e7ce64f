package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.Activations;
import org.gan4j.loss.GradientPenalty;
import org.gan4j.loss.HessianPenalty;
import org.gan4j.loss.OroJaR;
import org.gan4j.loss.Reduction;
import org.gan4j.nn.Module;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gan4j's dSprites GAN, OroJaR, the Hessian Penalty and WGAN-GP against the official code on the same formula weights
 * (src/test/resources/parity/orojar, README there): outputs, penalties with the same Rademacher vectors, gradients.
 */
class OrojarParityTest {

    static final Path DIR = Path.of("src/test/resources/parity/orojar");

    private Scope scope;
    private DspritesGenerator g;
    private DspritesDiscriminator d;

    @BeforeEach
    void build() throws Exception {
        scope = new Scope();
        g = new DspritesGenerator(DspritesNets.official());
        d = new DspritesDiscriminator(DspritesNets.official());
        fill(g, "G");
        fill(d, "D");
    }

    @AfterEach
    void close() {
        g.close();
        d.close();
        scope.close();
    }

    /** Entry k, value i: float32(scale·sin(0.7i + 1.3k + 0.1 + (i² mod 10007)·2π/10007) + offset). */
    static void fill(Module m, String name) throws Exception {
        JsonNode keys = new ObjectMapper().readTree(DIR.resolve("weights.json").toFile()).get("networks").get(name)
                .get("keys");
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (JsonNode k : keys) {
            long[] shape = new long[k.get(1).size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = k.get(1).get(i).asLong();
                n *= shape[i];
            }
            double scale = k.get(2).asDouble();
            int index = k.get(3).asInt();
            double offset = k.get(4).asDouble();
            float[] v = new float[(int) n];
            for (int i = 0; i < n; i++) {
                long sq = ((long) i * i) % 10007;
                v[i] = (float) (scale * Math.sin(0.7 * i + 1.3 * index + 0.1 + sq * (2 * Math.PI / 10007)) + offset);
            }
            state.put(k.get(0).asText(), Tensors.of(v, shape));
        }
        assertThat(m.stateDict().keySet()).containsExactlyElementsOf(state.keySet());
        m.loadStateDict(state, "parity " + name);
    }

    static Map<String, Tensor> load(String file) {
        return StateDict.tensors(PtFile.load(DIR.resolve(file)), file);
    }

    /** max |a − b| ≤ tol · max |b|. */
    static void close(Tensor a, Tensor b, double tol) {
        assertThat(a.shape()).containsExactly(b.shape());
        double scale = Math.max(b.abs().max().item_double(), 1e-12);
        assertThat(a.sub(b).abs().max().item_double() / scale).as("relative difference").isLessThan(tol);
    }

    static void closeValue(double a, double b, double rel) {
        assertThat(Math.abs(a - b)).as(a + " vs " + b).isLessThanOrEqualTo(rel * Math.abs(b));
    }

    /** The fixtures' 5 statistics of a whole tensor: Σx, Σ|x|, Σx², max|x|, Σx_i·cos(0.37i). */
    static void stats(Tensor t, Tensor expected, double rel) {
        Tensor x = t.flatten().to(torch.ScalarType.Double);
        Tensor idx = torch.arange(Tensors.s(x.size(0))).to(torch.ScalarType.Double);
        double[] mine = {x.sum().item_double(), x.abs().sum().item_double(), x.square().sum().item_double(),
            x.abs().max().item_double(), x.mul(torch.cos(idx.mul(Tensors.s(0.37)))).sum().item_double()};
        float[] e = Tensors.floats(expected);
        for (int i = 0; i < 4; i++) {
            closeValue(mine[i], e[i], rel);
        }
        // the cosine-weighted sum cancels: compare on the scale of Σ|x|
        assertThat(Math.abs(mine[4] - e[4])).isLessThan(rel * e[1]);
    }

    private Activations convs() {
        return z -> g.convOutputs(z, List.of(0, 1, 2, 3));
    }

    @Test
    void generatorAndItsConvOutputs() {
        Map<String, Tensor> in = load("inputs.pt");
        Map<String, Tensor> out = load("generator.pt");
        Tensor z = in.get("z");
        close(g.forward(z), out.get("out"), 2e-5);
        List<Tensor> c = g.convOutputs(z.slice(0, new org.bytedeco.pytorch.LongOptional(0),
                new org.bytedeco.pytorch.LongOptional(2), 1), List.of(0, 1, 2, 3));
        close(c.get(0), out.get("conv0"), 2e-5);
        close(c.get(1), out.get("conv1"), 2e-5);
        close(c.get(2), out.get("conv2"), 2e-5);
        close(c.get(3).narrow(1, 0, 8), out.get("conv3_slice"), 2e-5);
        stats(c.get(3), out.get("conv3_stats"), 1e-4);
    }

    @Test
    void penaltiesWithTheSameRademacherVectors() {
        Map<String, Tensor> in = load("inputs.pt");
        Map<String, Tensor> p = load("penalties.pt");
        Tensor z = in.get("z");
        List<Tensor> ojMax = new OroJaR(2, 0.1, Reduction.MAX).perActivation(convs(), z, null, p.get("xs"));
        List<Tensor> ojMean = new OroJaR(2, 0.1, Reduction.MEAN).perActivation(convs(), z, null, p.get("xs"));
        float[] eMax = Tensors.floats(p.get("orojar_max_sep"));
        float[] eMean = Tensors.floats(p.get("orojar_mean_sep"));
        for (int l = 0; l < 4; l++) {
            closeValue(ojMax.get(l).item_double(), eMax[l], 3e-3);
            closeValue(ojMean.get(l).item_double(), eMean[l], 3e-3);
        }
        List<Tensor> k3 = new OroJaR(3, 0.1, Reduction.MAX).perActivation(convs(), z, null, p.get("xs3"));
        float[] eK3 = Tensors.floats(p.get("orojar_max_k3_sep"));
        for (int l = 0; l < 4; l++) {
            closeValue(k3.get(l).item_double(), eK3[l], 3e-3);
        }
        Activations image = x -> List.of(g.forward(x));
        closeValue(new OroJaR(2, 0.1, Reduction.MAX).perActivation(image, z, null, p.get("xs")).get(0).item_double(),
                p.get("orojar_max_img").item_double(), 3e-3);

        List<Tensor> hpMax = new HessianPenalty(2, 0.1, Reduction.MAX).perActivation(convs(), z, null, p.get("xs"));
        List<Tensor> hpMean = new HessianPenalty(2, 0.1, Reduction.MEAN).perActivation(convs(), z, null, p.get("xs"));
        float[] hMax = Tensors.floats(p.get("hessian_max_sep"));
        float[] hMean = Tensors.floats(p.get("hessian_mean_sep"));
        for (int l = 0; l < 2; l++) { // affine in z: zero up to float32 cancellation
            assertThat(hpMax.get(l).item_double()).isLessThan(1e-4);
        }
        for (int l = 2; l < 4; l++) {
            closeValue(hpMax.get(l).item_double(), hMax[l], 1e-3);
            closeValue(hpMean.get(l).item_double(), hMean[l], 1e-3);
        }
        closeValue(new HessianPenalty(2, 0.1, Reduction.MAX).perActivation(image, z, null, p.get("xs")).get(0)
                .item_double(), p.get("hessian_max_img").item_double(), 1e-3);
    }

    @Test
    void penaltyGradients() {
        Map<String, Tensor> in = load("inputs.pt");
        Map<String, Tensor> p = load("penalties.pt");
        Map<String, Tensor> gr = load("gradients.pt");
        Tensor z = in.get("z");
        Map<String, Tensor> params = g.namedParameters();
        List<Tensor> wrt = List.of(params.get("layers.0.layers.conv.weight"), params.get("layers.1.layers.conv.weight"));
        Tensor oj = new OroJaR(2, 0.1, Reduction.MAX).perActivation(convs(), z, null, p.get("xs")).stream()
                .reduce(Tensor::add).orElseThrow();
        List<Tensor> og = Autograd.grad(oj, wrt, null, false);
        close(og.get(0), gr.get("orojar_grad_w0"), 5e-3);
        close(og.get(1).narrow(0, 0, 2), gr.get("orojar_grad_w1_slice"), 5e-3);
        Tensor hp = new HessianPenalty(2, 0.1, Reduction.MAX).perActivation(convs(), z, null, p.get("xs")).stream()
                .reduce(Tensor::add).orElseThrow();
        List<Tensor> hg = Autograd.grad(hp, wrt, null, false);
        close(hg.get(0), gr.get("hessian_grad_w0"), 1e-3);
        close(hg.get(1).narrow(0, 0, 2), gr.get("hessian_grad_w1_slice"), 1e-3);
        stats(hg.get(1), gr.get("hessian_grad_w1_stats"), 1e-3);
    }

    @Test
    void criticAndWganGp() {
        Map<String, Tensor> in = load("inputs.pt");
        Map<String, Tensor> dd = load("discriminator.pt");
        Tensor real = in.get("images");
        Tensor fake = g.forward(in.get("z"));
        close(d.forward(real), dd.get("d_real"), 2e-5);
        close(d.forward(fake), dd.get("d_fake"), 2e-5);
        Tensor gp = GradientPenalty.perSample(d::forward, real, fake, dd.get("alpha"));
        closeValue(gp.item_double(), dd.get("gp").item_double(), 1e-4);
        Tensor lossD = d.forward(fake.detach()).mean().sub(d.forward(real).mean()).mul(Tensors.s(0.5))
                .add(gp.mul(Tensors.s(10.0)));
        closeValue(lossD.item_double(), dd.get("loss_D").item_double(), 1e-4);
        List<Tensor> grads = Autograd.grad(lossD, List.of(d.namedParameters().get("encoder.0.layers.conv.weight")), null,
                false);
        close(grads.get(0), dd.get("d_grad_w0"), 1e-3);
        closeValue(d.forward(fake).mean().neg().item_double(), dd.get("loss_G_GAN").item_double(), 1e-4);
    }
}
