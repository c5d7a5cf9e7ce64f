package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.zip.ZipFile;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.NormG;
import org.gan4j.nn.ParamFreeNorm;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.train.RunDir;
import org.gan4j.train.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j import cocosnet} as a library: the official-layout files of the ade20k parity fixtures' networks import
 * into a run that translates as the official code did; what the weights show is read from them and checked against
 * {@code --config}. The official code's own files of the same networks (247 MB, made by {@code make_fixtures.py
 * --official-checkpoints DIR}) are checked when {@code -Dgan4j.cocosnet.official=DIR/ade20k_formula} is given.
 */
class OfficialCocosImportTest {

    @TempDir
    Path tmp;

    private static final OfficialCocosImport.Options ADE20K_FIXTURE =
            new OfficialCocosImport.Options(4, true, CocosRelease.ADE20K, 64, null);

    @Test
    void theOfficialWrittenFilesHaveTheStemAsZipRootAndViewsAtAnOffset() throws Exception {
        Path file = CocosParityTest.resource(OfficialLayout.VIEWS);
        try (ZipFile z = new ZipFile(file.toFile())) {
            assertThat(Collections.list(z.entries())).extracting(e -> e.getName())
                    .allMatch(n -> n.startsWith("latest_net_G/")).contains("latest_net_G/data.pkl");
        }
        try (Scope s = new Scope()) {
            Map<String, Tensor> formula = FormulaWeights.of(CocosParityTest.resource("g_ade20k.json"));
            for (Path f : new Path[] {file, CocosParityTest.resource(OfficialLayout.VIEWS_LEGACY)}) {
                Map<?, ?> views = (Map<?, ?>) PtFile.load(f);
                Tensor w = (Tensor) views.get("conv_img.weight");
                Tensor b = (Tensor) views.get("conv_img.bias");
                assertThat(w.storage_offset()).as("%s", f).isEqualTo(3);
                assertThat(b.storage_offset()).isZero();
                assertThat(w.data_ptr().address() - b.data_ptr().address()).as("one storage").isEqualTo(3 * Float.BYTES);
                assertThat(torch.equal(w, formula.get("conv_img.weight"))).isTrue();
                assertThat(torch.equal(b, formula.get("conv_img.bias"))).isTrue();
            }
        }
    }

    @Test
    void anOfficialLayoutPairImportsAndTranslatesAsTheOfficialCode() throws Exception {
        try (Scope s = new Scope()) {
            Path dir = OfficialLayout.ade20kPair(tmp.resolve("ade20k"));
            Map<?, ?> written = (Map<?, ?>) PtFile.load(dir.resolve(CocosModel.NET_G));
            assertThat(((Tensor) written.get("conv_img.weight")).storage_offset()).as("still a view").isEqualTo(3);
            importAndTranslate(dir);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "gan4j.cocosnet.official", matches = ".+")
    void theOfficialCodesOwnFilesImportAndTranslateAsItDid() throws Exception {
        try (Scope s = new Scope()) {
            importAndTranslate(Path.of(System.getProperty("gan4j.cocosnet.official")));
        }
    }

    private void importAndTranslate(Path dir) throws Exception {
        OfficialCocosImport.Imported m = OfficialCocosImport.readDir(dir, ADE20K_FIXTURE);
        assertThat(m.read()).isEqualTo(new OfficialCocosWeights(5, 64, 16, 3, true, true, true,
                new NormG(true, ParamFreeNorm.SYNCBATCH, 3)));
        assertThat(m.spec().config().nets()).isEqualTo(CocosNets.ade20k(5).withSize(64).withGeneratorWidth(16));
        Path run = ImportedCocosRun.write(m, tmp.resolve("run")).dir();
        assertThat(RunDir.open(run, CocosMethod.NAME).info().state()).isEqualTo(RunInfo.FINISHED);
        Map<String, Tensor> corr = CocosParityTest.fixture("corr_ade20k");
        Map<String, Tensor> g = CocosParityTest.fixture("g_ade20k");
        try (CocosModel model = CocosModel.load(run); NoGrad ng = new NoGrad()) {
            assertThat(model.labelNc()).isEqualTo(4);
            assertThat(model.palette().classes()).hasSize(4);
            CocosModel.Translation t = model.translate(corr.get("seg_map"), corr.get("ref_img"), corr.get("ref_seg_map"));
            CocosParityTest.assertClose(t.warp().warpOut(), corr.get("warp_out"), CocosParityTest.REL, "warp_out");
            CocosParityTest.assertClose(t.warp().warpMask(), corr.get("warp_mask"), CocosParityTest.REL, "warp_mask");
            CocosParityTest.assertClose(model.generator().forward(g.get("cbn_in")), g.get("fake_image"),
                    CocosParityTest.REL, "fake_image on the official warp");
            CocosParityTest.assertClose(t.image(), g.get("fake_image"), CocosParityTest.REL, "fake_image");
        }
    }

    @Test
    void whatTheWeightsShowIsReadFromThem() throws Exception {
        try (Scope s = new Scope()) {
            // celebahqedge's flags: adaptor kernel 4, bilinear warp, 3 channels
            Path edge = TinyOfficialPair.write(tmp.resolve("edge"), TinyOfficialPair.narrow(CocosNets.celebahqEdge(3)));
            OfficialCocosImport.Imported e = OfficialCocosImport.readDir(edge,
                    new OfficialCocosImport.Options(3, false, CocosRelease.CELEBAHQEDGE, 64, null));
            assertThat(e.read().adaptorKernel()).isEqualTo(4);
            assertThat(e.spec().config().nets()).isEqualTo(TinyOfficialPair.narrow(CocosNets.celebahqEdge(3)));
            // the official defaults: no attention, no mask mixing, syncbatch statistics in the SPADE layers
            CocosNets plain = TinyOfficialPair.narrow(CocosNets.officialDefaults(5));
            Path defaults = TinyOfficialPair.write(tmp.resolve("defaults"), plain);
            OfficialCocosImport.Imported d = OfficialCocosImport.readDir(defaults,
                    new OfficialCocosImport.Options(4, true, null, 64, null));
            assertThat(d.read()).isEqualTo(new OfficialCocosWeights(5, 4, 2, 3, false, false, false, NormG.DEFAULT));
            assertThat(d.spec().config().nets()).isEqualTo(plain);
            // and a model of the official defaults loads and translates
            Path run = ImportedCocosRun.write(d, tmp.resolve("run")).dir();
            try (CocosModel model = CocosModel.load(run)) {
                Tensor seg = torch.zeros(1, 5, 64, 64);
                seg.select(1, 2).fill_(new org.bytedeco.pytorch.Scalar(1.0));
                Tensor image = model.translate(seg, torch.rand(1, 3, 64, 64).mul_(new org.bytedeco.pytorch.Scalar(2))
                        .sub_(new org.bytedeco.pytorch.Scalar(1)), seg).image();
                assertThat(image.shape()).containsExactly(1, 3, 64, 64);
                assertThat(torch.isfinite(image).all().item_bool()).isTrue();
            }
        }
    }

    @Test
    void configFlagsTheWeightsContradictAreNamed() throws Exception {
        try (Scope s = new Scope()) {
            Path ade = TinyOfficialPair.write(tmp.resolve("ade"), TinyOfficialPair.ade20k());
            assertThatThrownBy(() -> OfficialCocosImport.readDir(ade,
                    new OfficialCocosImport.Options(4, true, CocosRelease.CELEBAHQ, 64, null)))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("--config celebahq has --adaptor_kernel 4")
                    .hasMessageContaining("has 3x3 adaptor kernels");
            Path plain = TinyOfficialPair.write(tmp.resolve("plain"), TinyOfficialPair.narrow(CocosNets.officialDefaults(5)));
            assertThatThrownBy(() -> OfficialCocosImport.readDir(plain, ADE20K_FIXTURE))
                    .hasMessageContaining("--config ade20k has --maskmix").hasMessageContaining(CocosModel.NET_CORR);
            assertThatThrownBy(() -> OfficialCocosImport.readDir(ade,
                    new OfficialCocosImport.Options(4, true, CocosRelease.DEEPFASHION, 64, null)))
                    .hasMessageContaining("--warp_patch").hasMessageContaining("does not implement");
        }
    }
}
