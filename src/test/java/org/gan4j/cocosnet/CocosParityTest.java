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
