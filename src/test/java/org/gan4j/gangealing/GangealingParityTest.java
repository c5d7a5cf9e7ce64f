package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.nn.MipmapWarp;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gan4j's GANgealing against the official wpeebles/gangealing modules on formula weights (fixtures made by the
 * official code, parity/gangealing/README.md): spatial transformers, mipmap sampling, the downsampler, the flow
 * losses, the target latent and the schedules.
 */
class GangealingParityTest {

    private Scope scope;
    private NoGrad noGrad;

    @BeforeEach
    void open() {
        scope = new Scope();
        noGrad = new NoGrad();
    }

    @AfterEach
    void close() {
        noGrad.close();
        scope.close();
    }

    private static Map<String, Tensor> fixture(String file) {
        return StateDict.tensors(PtFile.load(OfficialWeights.DIR.resolve(file)), file);
    }

    /** |a − b| ≤ tol·max(1, max|b|) everywhere. */
    private static void near(Tensor a, Tensor b, double tol, String what) {
        assertThat(a.sizes().vec().get()).as(what + " shape").containsExactly(b.sizes().vec().get());
        double scale = Math.max(1, Tensors.value(b.abs().max()));
        double err = Tensors.value(a.sub(b).abs().max());
        assertThat(err).as(what + " max error").isLessThanOrEqualTo(tol * scale);
    }

    private static final double TOL = 2e-5;

    @Test
    void similarityTransformer() throws Exception {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("similarity.pt");
        SpatialTransformer sim = new SpatialTransformer(new StnShape(32, 64, 512, 0.5, 8, 1), Transform.SIMILARITY);
        OfficialWeights.fill(sim, "sim32");
        sim.eval();
        Tensor x = in.get("x64");
        for (Padding2d p : Padding2d.values()) {
            Warped w = sim.forward(x, x, Warping.defaults().at(64).padding(p), null, null);
            near(w.out(), f.get("sim." + p.name().toLowerCase(java.util.Locale.ROOT) + ".out"), TOL, "out " + p);
            near(w.grid(), f.get("sim.grid"), 1e-6, "grid");
            near(w.warp(), f.get("sim.matrix"), 1e-6, "matrix");
        }
        Warped it3 = sim.forward(x, x, Warping.defaults().at(32).iters(3), null, null);
        near(it3.out(), f.get("sim.iters3.out"), TOL, "iters 3 out");
        near(it3.warp(), f.get("sim.iters3.matrix"), 1e-6, "iters 3 matrix");
        Warped half = sim.forward(x, x, Warping.defaults().at(32).alpha(Tensors.of(new float[] {0.5f, 0.5f}, 2)), null, null);
        near(half.out(), f.get("sim.alpha.out"), TOL, "alpha out");
        near(half.warp(), f.get("sim.alpha.matrix"), 1e-6, "alpha matrix");

        SpatialTransformer sim2 = new SpatialTransformer(new StnShape(32, 64, 512, 0.5, 8, 2), Transform.SIMILARITY);
        OfficialWeights.fill(sim2, "sim32_h2");
        Warped h2 = sim2.forward(x, x, Warping.defaults().at(32), null, null);
        near(h2.out(), f.get("sim_h2.out"), TOL, "two heads out");
        near(h2.warp(), f.get("sim_h2.matrix"), 1e-6, "two heads matrix");
    }

    @Test
    void flowTransformerAndConvexUpsampling() throws Exception {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("flow.pt");
        SpatialTransformer flow = new SpatialTransformer(new StnShape(64, 128, 512, 0.5, 8, 1), Transform.FLOW);
        OfficialWeights.fill(flow, "flow64");
        Tensor x = in.get("x128");
        Warped w = flow.forward(x, x, Warping.defaults().at(64), null, null);
        near(w.warp(), f.get("flow.delta_flow"), TOL, "residual flow");
        near(w.out(), f.get("flow.out"), TOL, "out");
        near(w.grid(), flow.identityFlow().add(f.get("flow.delta_flow")), 1e-6, "grid = identity + Δ");
        Warped r32 = flow.forward(x, x, Warping.defaults().at(32), null, null);
        near(r32.grid(), f.get("flow.res32.grid"), 1e-6, "grid at 32");
        near(r32.out(), f.get("flow.res32.out"), TOL, "out at 32");
        FlowHead head = new FlowHead(4, 2, 1, 8);
        near(head.upsample(f.get("upsample.flow"), f.get("upsample.mask")), f.get("upsample.out"), 1e-6, "upsample_flow");
    }

    @Test
    void composedTransformer() throws Exception {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("composed.pt");
        ComposedStn t = new ComposedStn(new StnShape(64, 128, 512, 0.5, 8, 1));
        OfficialWeights.fill(t, "comp64");
        Tensor x = in.get("x128");
        Warped w = t.forward(x, x, Warping.defaults().at(64), null);
        near(w.out(), f.get("comp.out"), TOL, "out");
        near(w.warp(), f.get("comp.flow"), TOL, "residual flow");
        Warped sim = t.similarity().forward(x, x, Warping.defaults(), null, null);
        near(sim.warp(), f.get("comp.sim_matrix"), 1e-6, "similarity stage");
        near(w.grid(), FlowHead.applyAffine(sim.warp(), t.identityFlow().add(f.get("comp.flow"))), 1e-5, "composed grid");
        Warped it3 = t.forward(x, x, Warping.defaults().at(32).iters(3), null);
        near(it3.out(), f.get("comp.iters3.out"), TOL, "iters 3 out");
        near(it3.grid(), f.get("comp.iters3.grid"), 1e-5, "iters 3 grid");

        GangealingModel.Congealed flip = new GangealingModel(t, Padding2d.BORDER, 1).congeal(x, x,
                Warping.defaults().at(32), true);
        near(flip.out(), f.get("comp.flip.out"), TOL, "forward_with_flip out");
        near(flip.grid(), f.get("comp.flip.grid"), 1e-5, "forward_with_flip grid");
        assertThat(Tensors.floats(flip.mirrored().to(torch.ScalarType.Float).contiguous()))
                .containsExactly(Tensors.floats(f.get("comp.flip.indices").to(torch.ScalarType.Float).contiguous()));

        ComposedStn t2 = new ComposedStn(new StnShape(64, 128, 512, 0.5, 8, 2));
        OfficialWeights.fill(t2, "comp64_h2");
        Warped h2 = t2.forward(x, x, Warping.defaults().at(32), null);
        near(h2.out(), f.get("comp_h2.out"), TOL, "two heads out");
        near(h2.grid(), f.get("comp_h2.grid"), 1e-5, "two heads grid");
    }

    @Test
    void pointsThroughTheSimilarity() throws Exception {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("similarity.pt");
        SpatialTransformer sim = new SpatialTransformer(new StnShape(32, 64, 512, 0.5, 8, 1), Transform.SIMILARITY);
        OfficialWeights.fill(sim, "sim32");
        Tensor x = in.get("x64");
        Tensor c = PointTransfer.congealSimilarity(sim, x, x, in.get("points64"), 1);
        near(c, f.get("sim.congeal_points"), 1e-5, "congealed (normalised)");
        near(PointTransfer.unnormalize(c, 64, 64), f.get("sim.congeal_points_px"), 1e-4, "congealed (pixels)");
        near(PointTransfer.uncongealSimilarity(sim, x, x, f.get("sim.congeal_points"), 1), f.get("sim.uncongeal_points"),
                1e-4, "uncongealed");
        Tensor xb = x.index_select(0, Tensors.of(new float[] {1, 0}, 2).to(torch.ScalarType.Long));
        Tensor viaCongealed = PointTransfer.uncongealSimilarity(sim, xb, xb, c, 1);
        near(viaCongealed, f.get("sim.transfer_points"), 1e-4, "transferred");
    }

    @Test
    void pointsThroughTheComposedTransformer() throws Exception {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("composed.pt");
        ComposedStn t = new ComposedStn(new StnShape(64, 128, 512, 0.5, 8, 1));
        OfficialWeights.fill(t, "comp64");
        Tensor x = in.get("x128");
        Tensor c = PointTransfer.congeal(t, x, x, in.get("points128"), 1);
        assertThat(Tensors.floats(c.to(torch.ScalarType.Float).contiguous()))
                .containsExactly(Tensors.floats(f.get("comp.congeal_points").to(torch.ScalarType.Float).contiguous()));
        near(PointTransfer.uncongeal(t, x, x, f.get("comp.congeal_points"), 1), f.get("comp.uncongeal_points"), 1e-4,
                "uncongealed");
        Tensor xb = x.index_select(0, Tensors.of(new float[] {1, 0}, 2).to(torch.ScalarType.Long));
        near(PointTransfer.transfer(t, x, x, xb, xb, in.get("points128"), 1), f.get("comp.transfer_points"), 1e-4,
                "transferred");
    }

    @Test
    void mipmapAndDownsampling() {
        Map<String, Tensor> in = fixture("inputs.pt");
        Map<String, Tensor> f = fixture("mipmap.pt");
        MipmapWarp warp = new MipmapWarp(3.5);
        Tensor x = in.get("x64").narrow(0, 0, 1);
        near(warp.forward(x, f.get("mip.zoom.grid"), Padding2d.REFLECTION), f.get("mip.zoom.out"), TOL, "mipmap zoom-out");
        near(warp.levels(f.get("mip.zoom.grid"), 64, 64).div(Tensors.s(2.5)), f.get("mip.zoom.levels_map"), 1e-5, "levels");
        near(warp.forward(x, f.get("mip.flow.grid"), Padding2d.ZEROS), f.get("mip.flow.out"), TOL, "mipmap flow");
        near(warp.levels(f.get("mip.flow.grid"), 64, 64).div(Tensors.s(2.5)), f.get("mip.flow.levels_map"), 1e-5, "levels");
        Tensor x48 = x.narrow(2, 8, 48).narrow(3, 8, 48);
        near(warp.forward(x48, f.get("mip.x48.grid"), Padding2d.BORDER), f.get("mip.x48.out"), TOL, "mipmap 48 px source");
        near(new BilinearDownsample(2, 3).forward(in.get("x64")), f.get("bilinear2.out"), 1e-6, "BilinearDownsample(2)");
        near(new BilinearDownsample(4, 3).forward(in.get("x64")), f.get("bilinear4.out"), 1e-6, "BilinearDownsample(4)");
    }

    @Test
    void lossesLatentAndSchedules() throws Exception {
        Map<String, Tensor> l = fixture("losses.pt");
        near(CongealingLosses.totalVariation(l.get("flow")), l.get("tv"), 1e-6, "TV");
        near(CongealingLosses.totalVariationPerImage(l.get("flow")), l.get("tv_per_sample"), 1e-6, "TV per image");
        near(CongealingLosses.flowIdentity(l.get("flow")), l.get("flow_identity"), 1e-6, "flow identity");

        Map<String, Tensor> z = fixture("latent.pt");
        TargetLatent ll = new TargetLatent(512, 3, 5, 10, 2);
        OfficialWeights.fill(ll, "ll");
        near(ll.interpolate(z.get("w"), 0.3), z.get("out"), 1e-6, "target W+");

        JsonNode s = new ObjectMapper().readTree(OfficialWeights.DIR.resolve("schedules.json").toFile());
        JsonNode psi = s.get("psi");
        for (int k = 0; k < psi.get("i").size(); k++) {
            long i = psi.get("i").get(k).asLong();
            if (i == 0) {
                continue; // train.py's i starts at 1
            }
            assertThat(Annealing.psi(Annealing.Psi.COSINE, i, 100)).as("cosine ψ at %d", i)
                    .isEqualTo(psi.get("cosine").get(k).asDouble());
            assertThat(Annealing.psi(Annealing.Psi.LINEAR, i, 100)).as("linear ψ at %d", i)
                    .isEqualTo(psi.get("linear").get(k).asDouble());
        }
        for (JsonNode c : s.get("lr_cycle_iters")) {
            java.util.List<Long> want = new java.util.ArrayList<>();
            c.get("zero_lr_iters").forEach(v -> want.add(v.asLong()));
            assertThat(Annealing.zeroLrIters(c.get("anneal_psi").asLong(), c.get("period").asDouble(),
                    c.get("iter").asLong(), c.get("tm").asInt())).as("lr_cycle_iters %s", c).isEqualTo(want);
        }
        for (JsonNode row : s.get("decaying_cosine").get("rows")) {
            long i = row.get(0).asLong();
            assertThat(1e-3 * Annealing.lrFactor(i, 100, 25, 2, 0.9)).as("learning rate after step %d", i)
                    .isCloseTo(row.get(3).asDouble(), org.assertj.core.data.Offset.offset(1e-15));
        }
    }
}
