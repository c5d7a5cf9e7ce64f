package org.gan4j.cocosnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Palette;
import org.gan4j.spade.OfficialImport;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * Official CoCosNet checkpoints ({@code checkpoints/<name>/latest_net_Corr.pth} and {@code latest_net_G.pth}: plain
 * state dicts, as {@code util.save_network} writes them, from any PyTorch version) as a gan4j model. What the
 * weights fix is read from them ({@link OfficialCocosWeights}); the flags they do not show come from the released
 * model named by {@code --config} ({@link CocosRelease}), or are the official defaults; the classes and the size
 * come from the user and are checked against the weights. Every key and shape is then checked by loading both
 * state dicts into the networks gan4j builds from the result.
 */
public final class OfficialCocosImport {

    /**
     * What the user says about the model.
     *
     * @param labelNc  number of classes (ADE20K 150, celebahq 19; celebahqedge's 15 channels)
     * @param dontcare contain_dontcare_label (ADE20K)
     * @param release  the released model whose test flags to use, or null for the official option defaults
     * @param size     the size it translates at by default ({@code --crop_size}: 256 for every release; the weights
     *                 do not fix it)
     * @param palette  the classes' names and colours, or null for default colours
     */
    public record Options(int labelNc, boolean dontcare, CocosRelease release, int size, Palette palette) {}

    /**
     * The imported model.
     *
     * @param spec    the run configuration gan4j writes for it (no training data: an imported model translates)
     * @param netCorr the correspondence's state dict, in the official (= gan4j's) layout
     * @param netG    the generator's
     * @param palette the classes' names and colours
     * @param read    what the weights showed
     */
    public record Imported(CocosRun spec, Map<String, Tensor> netCorr, Map<String, Tensor> netG, Palette palette,
            OfficialCocosWeights read) {}

    private OfficialCocosImport() {}

    /** The official pair in a checkpoint folder ({@code checkpoints/<name>/}). */
    public static Imported readDir(Path dir, Options o) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException(dir + " is not a directory (give the official checkpoints/<name>/ folder, or --corr"
                    + " and --g)");
        }
        return read(dir.resolve(CocosModel.NET_CORR), dir.resolve(CocosModel.NET_G), o);
    }

    public static Imported read(Path corrFile, Path gFile, Options o) {
        if (o.release() != null && o.release().unsupported != null) {
            throw o.release().unsupportedError();
        }
        if (o.size() < 64 || o.size() % 32 != 0) {
            throw new Gan4jException("--size " + o.size() + ": CoCosNet translates at multiples of 32, at least 64");
        }
        Map<String, Tensor> corr = load(corrFile, "correspondence");
        Map<String, Tensor> g = load(gFile, "generator");
        checkRoles(corr, corrFile, g, gFile);
        OfficialCocosWeights w = OfficialCocosWeights.read(corr, corrFile, g, gFile);
        int given = o.labelNc() + (o.dontcare() ? 1 : 0);
        if (given != w.semanticNc()) {
            CocosRelease r = o.release();
            throw new Gan4jException(corrFile + " takes " + w.semanticNc() + " input channels, but --label-nc " + o.labelNc()
                    + (o.dontcare() ? " with --dontcare" : "") + " gives " + given + "; check --label-nc and --dontcare ("
                    + (r != null ? "the released " + r.word + " model: " + r.labelFlags()
                            : "ADE20K: 150 --dontcare, celebahq: 19, celebahqedge: 15") + ")");
        }
        CocosNets base = o.release() != null ? o.release().nets(w.semanticNc()) : CocosNets.officialDefaults(w.semanticNc());
        if (o.release() != null) {
            checkRelease(o.release(), base, w, corrFile, gFile);
        }
        CocosNets nets = new CocosNets(w.semanticNc(), w.ngfCorr(), w.ngfG(), o.size(), 1.0, w.adaptorKernel(), w.maskmix(),
                w.pono(), base.ponoC(), base.matchKernel(), base.warpBilinear(), base.warpMask(), base.warpCycle(),
                w.useAttention(), w.normG(), base.normE());
        // Every key and shape, in one line per file, by loading into the networks gan4j builds from the config.
        try (Correspondence probe = new Correspondence(nets)) {
            probe.loadStateDict(corr, corrFile.toString());
        }
        try (CocosGenerator probe = new CocosGenerator(nets)) {
            probe.loadStateDict(g, gFile.toString());
        }
        Palette palette = o.palette() != null ? checked(o.palette(), o) : Palette.fallback(o.labelNc());
        CocosRun spec = new CocosRun(CocosConfig.paper(nets), null, null, null, o.labelNc(), o.dontcare(), 0, 1);
        return new Imported(spec, corr, g, palette, w);
    }

    private static Map<String, Tensor> load(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("CoCosNet " + what + " checkpoint not found: " + file);
        }
        Object o = PtFile.load(file);
        if (o instanceof Map<?, ?> m && m.containsKey(CocosCheckpoint.CORR)) {
            throw new Gan4jException(file + " is a gan4j training checkpoint; use its run directory directly");
        }
        return OfficialImport.upgrade(StateDict.tensors(o, file.toString()), file);
    }

    /** Files given in each other's place, or another method's, named before their keys are read. */
    private static void checkRoles(Map<String, Tensor> corr, Path corrFile, Map<String, Tensor> g, Path gFile) {
        refuseSpade(corr, corrFile);
        refuseSpade(g, gFile);
        if (corr.containsKey("conv_img.weight") && !corr.containsKey("adaptive_model_seg.layer1.0.weight_orig")) {
            throw new Gan4jException(corrFile + " is a generator's state dict, not CoCosNet's correspondence (no"
                    + " adaptive_model_seg.*); give " + CocosModel.NET_CORR);
        }
        if (g.keySet().stream().anyMatch(k -> k.startsWith("adaptive_model_seg."))) {
            throw new Gan4jException(gFile + " is CoCosNet's correspondence (adaptive_model_seg.*), not its generator;"
                    + " give " + CocosModel.NET_G);
        }
    }

    private static void refuseSpade(Map<String, Tensor> s, Path file) {
        if (s.containsKey("head_0.norm_0.mlp_shared.0.weight")) {
            throw new Gan4jException(file + " is a SPADE generator (its SPADE layers convolve at mlp_shared.0; CoCosNet's"
                    + " pad first and convolve at mlp_shared.1): import it with `gan4j import spade`");
        }
    }

    /** The flags the weights show against the released model's. */
    private static void checkRelease(CocosRelease r, CocosNets want, OfficialCocosWeights w, Path corrFile, Path gFile) {
        String config = "--config " + r.word;
        if (want.adaptorKernel() != w.adaptorKernel()) {
            throw new Gan4jException(config + " has --adaptor_kernel " + want.adaptorKernel() + ", but " + corrFile
                    + " has " + w.adaptorKernel() + "x" + w.adaptorKernel() + " adaptor kernels; is it the " + r.word + " model?");
        }
        if (want.maskmix() != w.maskmix()) {
            throw new Gan4jException(config + (want.maskmix() ? " has" : " has no") + " --maskmix, but " + corrFile
                    + "'s layer.0.conv1 takes " + (w.maskmix() ? "the label maps too" : "no label maps")
                    + "; is it the " + r.word + " model?");
        }
        if (want.useAttention() != w.useAttention()) {
            throw new Gan4jException(config + (want.useAttention() ? " has" : " has no") + " --use_attention, but " + gFile
                    + (w.useAttention() ? " has" : " has no") + " attn.* weights; is it the " + r.word + " model?");
        }
        if (want.pono() != w.pono()) {
            throw new Gan4jException(config + (want.pono() ? " has" : " has no") + " --PONO, but " + gFile
                    + (w.pono() ? " keeps no" : " keeps") + " batch-norm statistics in its SPADE layers; is it the " + r.word
                    + " model?");
        }
    }

    /** A palette's ids must be classes of the model (or 255, don't-care). */
    private static Palette checked(Palette p, Options o) {
        for (Palette.Entry e : p.classes()) {
            if (e.id() >= o.labelNc() && !(o.dontcare() && e.id() == org.gan4j.data.LabelMaps.DONT_CARE)) {
                throw new Gan4jException("--palette " + p.source() + ": class id " + e.id() + " is not a class of the model"
                        + " (ids 0.." + (o.labelNc() - 1) + (o.dontcare() ? ", or 255 for don't-care" : "") + ")");
            }
        }
        return p;
    }
}
