package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.PatchGan;

/**
 * gan4j's CoCosNet networks against the official microsoft/CoCosNet code on the same (formula) weights and inputs
 * (parity/cocosnet/README.md): the released ade20k correspondence (maskmix, PONO-C, direct warped mask, nearest
 * warp) and generator (PONO, attention), and the celebahqedge correspondence (adaptor kernel 4, bilinear warp,
 * cycle warp).
 */
class CocosParityTest {

    /** Relative to the largest value; the fixtures' own float32-vs-float64 floor is ~2e-5 on the warps. */
    static final double REL = 1e-4;

    static Path resource(String name) throws Exception {
        return Path.of(CocosParityTest.class.getResource("/parity/cocosnet/" + name).toURI());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Tensor> fixture(String name) throws Exception {
        return (Map<String, Tensor>) PtFile.load(resource(name + ".pt"));
    }

    static void assertClose(Tensor actual, Tensor expected, double rel, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = Math.max(1e-3, expected.abs().max().item_double());
        double err = actual.sub(expected).abs().max().item_double();
        assertThat(err).as("%s (scale %.4g)", what, scale).isLessThanOrEqualTo(rel * scale);
    }

    @Test
    void ade20kCorrespondence() throws Exception {
        Map<String, Tensor> f = fixture("corr_ade20k");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                Correspondence corr = new Correspondence(CocosNets.ade20k(5).withSize(64))) {
            corr.loadStateDict(FormulaWeights.of(resource("corr_ade20k.json")), "corr_ade20k");
            corr.eval();
            Correspondence.Warp w = corr.forward(f.get("ref_img"), f.get("seg_map"), f.get("ref_seg_map"));
            assertClose(w.xS().select(0, 0), f.get("adaptive_feature_seg0"), REL, "normalised input features");
            assertClose(w.yS().select(0, 0), f.get("adaptive_feature_img0"), REL, "normalised exemplar features");
            assertClose(w.m().matrix().select(0, 0), f.get("f_wta0"), 1e-3 / 44.6, "f / τ"); // 1e-3 absolute
            assertClose(w.warpOut(), f.get("warp_out"), REL, "warp_out");
            assertClose(w.warpMask(), f.get("warp_mask"), REL, "warp_mask");
            // the same in blocks of 37 rows
            Correspondence.Warp blocked = corr.blockRows(37).forward(f.get("ref_img"), f.get("seg_map"), f.get("ref_seg_map"));
            assertClose(blocked.warpOut(), f.get("warp_out"), REL, "blocked warp_out");
            assertClose(blocked.warpMask(), f.get("warp_mask"), REL, "blocked warp_mask");
        }
    }

    @Test
    void ade20kGenerator() throws Exception {
        Map<String, Tensor> f = fixture("g_ade20k");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                CocosGenerator g = new CocosGenerator(CocosNets.ade20k(5).withSize(64).withGeneratorWidth(16))) {
            g.loadStateDict(FormulaWeights.of(resource("g_ade20k.json")), "g_ade20k");
            g.eval();
            assertClose(g.forward(f.get("cbn_in")), f.get("fake_image"), REL, "fake_image");
        }
    }

    @Test
    void ade20kDiscriminatorWithAttentionAndTheUnusedDecoder() throws Exception {
        Map<String, Tensor> f = fixture("d_ade20k");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                MultiscaleDiscriminator d = new MultiscaleDiscriminator(2, 8, 8, 4, NonSpadeNorm.SPECTRAL_INSTANCE,
                        PatchGan.cocosnet(true, 5));
                MultiscaleDiscriminator noAttention = new MultiscaleDiscriminator(2, 8, 8, 4,
                        NonSpadeNorm.SPECTRAL_INSTANCE, PatchGan.cocosnet(false, 5))) {
            Map<String, Tensor> w = FormulaWeights.of(resource("d_ade20k.json")); // every official key, dec.* too
            d.loadStateDict(w, "d_ade20k");
            d.eval();
            List<List<Tensor>> out = d.forward(f.get("input"));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 5; j++) {
                    assertClose(out.get(i).get(j), f.get("out." + i + "." + j), REL, "scale " + i + " group " + j);
                }
            }
            // the attention is what the fixture needs: without it (γ is 0.01 here) the logits move by 8× the tolerance
            Map<String, Tensor> w2 = new java.util.LinkedHashMap<>(w);
            w2.keySet().removeIf(k -> k.contains(".attn."));
            noAttention.loadStateDict(w2, "d_ade20k without attn");
            noAttention.eval();
            Tensor logits = noAttention.forward(f.get("input")).get(0).get(4);
            double scale = f.get("out.0.4").abs().max().item_double();
            assertThat(logits.sub(f.get("out.0.4")).abs().max().item_double()).isGreaterThan(4 * REL * scale);
        }
    }

    @Test
    void celebahqEdgeCorrespondenceWithTheCycleWarp() throws Exception {
        Map<String, Tensor> f = fixture("corr_celebahqedge");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad();
                Correspondence corr = new Correspondence(CocosNets.celebahqEdge(3).withSize(64))) {
            corr.loadStateDict(FormulaWeights.of(resource("corr_celebahqedge.json")), "corr_celebahqedge");
            corr.eval();
            Correspondence.Warp w = corr.forward(f.get("ref_img"), f.get("seg_map"), f.get("ref_seg_map"));
            assertClose(w.xS().select(0, 0), f.get("adaptive_feature_seg0"), REL, "normalised input features");
            assertClose(w.warpOut(), f.get("warp_out"), REL, "warp_out");
            assertClose(w.warpCycle(), f.get("warp_cycle"), REL, "warp_cycle");
            assertThat(w.warpMask()).isNull();
        }
    }
}
