package org.gan4j.cocosnet;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.LabelMap;
import org.gan4j.data.Palette;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;
import org.gan4j.torch.Tensors;

/**
 * A trained (or imported) CoCosNet for translation: the correspondence and the translation network in eval mode. A
 * run directory holds it as the official files {@code latest_net_Corr.pth} and {@code latest_net_G.pth} (plain
 * state dicts, what the official {@code test.py} loads) beside {@code config.json} and (label maps) {@code palette.json}.
 */
public final class CocosModel implements AutoCloseable {

    /** The official file names. */
    public static final String NET_CORR = "latest_net_Corr.pth";
    public static final String NET_G = "latest_net_G.pth";
    public static final String NET_D = "latest_net_D.pth";
    /** The classes' names and colours. */
    public static final String PALETTE_JSON = "palette.json";

    private final CocosConfig config;
    private final Correspondence corr;
    private final CocosGenerator g;
    private final Palette palette;
    private final int labelNc;

    /** @param labelNc the classes (the input's channels less one with don't-care) */
    public CocosModel(CocosConfig config, int labelNc, Correspondence corr, CocosGenerator g, Palette palette) {
        this.config = config;
        this.labelNc = labelNc;
        this.corr = corr;
        this.g = g;
        this.palette = palette;
        corr.eval();
        g.eval();
    }

    /** The model of a CoCosNet run: its official-layout files when training finished, else its last checkpoint's. */
    public static CocosModel load(Path dir) {
        RunDir run = RunDir.open(dir, CocosMethod.NAME);
        CocosRun spec = run.readConfig(CocosRun.class);
        CocosConfig c = spec.config();
        Palette palette = Files.isRegularFile(run.path(PALETTE_JSON)) ? Palette.read(run.path(PALETTE_JSON)) : null;
        Map<String, Tensor> corrState;
        Map<String, Tensor> gState;
        Path corrFile = run.path(NET_CORR);
        Path gFile = run.path(NET_G);
        String corrWhat = corrFile.toString();
        String gWhat = gFile.toString();
        if (Files.isRegularFile(corrFile) && Files.isRegularFile(gFile)) {
            corrState = StateDict.tensors(PtFile.load(corrFile), corrWhat);
            gState = StateDict.tensors(PtFile.load(gFile), gWhat);
        } else {
            Path latest = run.latestCheckpoint();
            if (!Files.isRegularFile(latest)) {
                throw new Gan4jException(dir + " holds no CoCosNet model yet (no " + NET_CORR + "/" + NET_G
                        + " and no checkpoint)");
            }
            CocosCheckpoint ck = CocosCheckpoint.load(latest);
            corrState = ck.netCorr();
            gState = ck.netG();
            corrWhat = latest + "[netCorr]";
            gWhat = latest + "[netG]";
        }
        Correspondence corr = new Correspondence(c.nets());
        corr.loadStateDict(corrState, corrWhat);
        CocosGenerator g = new CocosGenerator(c.nets());
        g.loadStateDict(gState, gWhat);
        return new CocosModel(c, spec.labelNc(), corr, g, palette);
    }

    public CocosConfig config() {
        return config;
    }

    public CocosNets nets() {
        return config.nets();
    }

    /** What the model translates from: label maps or edge maps. */
    public InputKind input() {
        return config.input();
    }

    /** The number of classes of its label maps (ids 0..labelNc−1; with don't-care, id labelNc too); 0 for edge maps. */
    public int labelNc() {
        return labelNc;
    }

    /** The label palette the model was trained with, or null. */
    public Palette palette() {
        return palette;
    }

    public Correspondence correspondence() {
        return corr;
    }

    public CocosGenerator generator() {
        return g;
    }

    /**
     * Translates input maps with exemplars (official {@code inference}).
     *
     * @param semantics    the input maps [N,semantic_nc,H,W] (H, W multiples of 32, at least 64)
     * @param exemplar     the exemplars in [−1, 1] [N,3,H,W]
     * @param refSemantics the exemplars' label maps [N,semantic_nc,H,W]
     */
    public Translation translate(Tensor semantics, Tensor exemplar, Tensor refSemantics) {
        try (NoGrad ng = new NoGrad()) {
            Correspondence.Warp w = corr.forward(exemplar, semantics, refSemantics);
            Tensor out = g.forward(torch.cat(new TensorVector(w.warpOut(), semantics), 1));
            return new Translation(out, w);
        }
    }

    /**
     * Translates one label map with the user's exemplar at {@code size × size}: maps resized by nearest neighbour,
     * the exemplar antialiased. {@code exemplarLabels} may be null only for a model without mask mixing (it then
     * sees an empty map).
     */
    public Translation translate(LabelMap input, BufferedImage exemplar, LabelMap exemplarLabels, int size) {
        CocosNets n = nets();
        checkSize(size);
        if (input() != InputKind.LABELS) {
            throw new Gan4jException("this model translates edge maps, not label maps (give a photo or an edge drawing)");
        }
        if (exemplarLabels == null && n.maskmix()) {
            throw new Gan4jException("this model matches the exemplar's label map too (maskmix): give the exemplar's labels"
                    + " (--exemplar-labels MAP.png)");
        }
        int channels = n.semanticNc();
        Tensor seg = SemanticInputs.semantics(List.of(input.resized(size, size)), null, channels);
        Tensor refSeg = exemplarLabels == null ? Tensors.zeros(1, channels, size, size)
                : SemanticInputs.semantics(List.of(exemplarLabels.resized(size, size)), null, channels);
        Tensor ref = ImageTensors.fromImage(ImageTensors.resized(exemplar, size, size));
        return translate(seg, ref, refSeg);
    }

    /**
     * Translates one edge map with the user's exemplar at {@code size × size} (a model trained with
     * {@link InputKind#EDGES}): the exemplar is resized antialiased and its own edge map, which the correspondence
     * matches beside the input's (mask mixing), computed from it as in training.
     *
     * @param input the input's edge map at {@code size × size} ({@link EdgeMap#ofPhoto} or {@link EdgeMap#ofDrawing})
     */
    public Translation translate(EdgeMap input, BufferedImage exemplar, int size) {
        checkSize(size);
        if (input() != InputKind.EDGES) {
            throw new Gan4jException("this model translates label maps, not edge maps (it was trained with --input labels)");
        }
        if (input.width() != size || input.height() != size) {
            throw new IllegalArgumentException("translate: the edge map is " + input.width() + "x" + input.height()
                    + ", not " + size + "x" + size);
        }
        BufferedImage ref = ImageTensors.resized(exemplar, size, size);
        return translate(EdgeMap.tensor(List.of(input)), ImageTensors.fromImage(ref),
                EdgeMap.tensor(List.of(EdgeMap.ofPhoto(ref))));
    }

    /** A one-line error unless {@code size} is a translation size: a multiple of 32, at least 64. */
    public static void checkSize(int size) {
        if (size < 64 || size % 32 != 0) {
            throw new Gan4jException("--size " + size + ": CoCosNet translates at multiples of 32, at least 64");
        }
    }

    /**
     * A translation.
     *
     * @param image the output in [−1, 1] [N,3,H,W]
     * @param warp  the correspondence that made it (warped exemplar, warped mask, the correlation)
     */
    public record Translation(Tensor image, Correspondence.Warp warp) {}

    @Override
    public void close() {
        corr.close();
        g.close();
    }
}
