package org.gan4j.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;

/**
 * A small fully-convolutional segmentation network, trained by gan4j on a dataset's real photos
 * ({@link SegmenterTraining}), to score synthesized images the way the SPADE paper does with DRN / UperNet:
 * segment the synthesis and compare with the label map it came from. A U-Net (Ronneberger et al. 2015) of
 * L = |widths| levels:
 * <pre>
 *   e_0 = B_0(x),   e_l = B_l(maxpool_2(e_{l−1}))                      l = 1 .. L−1
 *   d_{L−1} = e_{L−1},   d_l = B'_l([up_2(d_{l+1}) ; e_l])               l = L−2 .. 0
 *   logits = conv_1×1(d_0)  ∈ R^{labelNc × H × W}
 * </pre>
 * where B is a {@link UnetBlock} (two 3×3 conv + BatchNorm + ReLU) of {@code widths[l]} channels, up_2 nearest
 * ×2 upsampling and [· ; ·] concatenation along channels. Inputs are RGB in [−1, 1]; H and W must be multiples of
 * 2^(L−1) for {@link #forward} ({@link #predict} resizes to the trained size). Keys: {@code down.l.*},
 * {@code up.l.*}, {@code head.*}.
 *
 * <p>Saved as a state dict ({@code FILE.pt}, readable with {@code torch.load}) and its {@link Settings} as
 * {@code FILE.json} beside it, with what the training reported under {@code "training"}.
 */
public final class Segmenter extends Module implements ImageSegmenter {

    /** The default widths: four levels, 64 px → 8 px at the bottom. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(16, 32, 64, 64);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What shapes the network and what it expects.
     *
     * @param labelNc  classes: the logits' channels (ids 0..labelNc−1)
     * @param dontCare whether the data's id {@code labelNc} marks pixels without a class (never predicted)
     * @param size     the square size it was trained at; {@link #predict} resizes images to it
     * @param widths   channels per level, finest first
     */
    public record Settings(int labelNc, boolean dontCare, int size, List<Integer> widths) {

        public Settings {
            if (labelNc < 1) {
                throw new Gan4jException("a segmenter needs at least 1 class (label-nc), got " + labelNc);
            }
            if (widths == null || widths.size() < 2 || widths.size() > 6) {
                throw new Gan4jException("--widths needs 2 to 6 levels, got " + widths);
            }
            for (int w : widths) {
                if (w < 1) {
                    throw new Gan4jException("--widths must be positive, got " + widths);
                }
            }
            widths = List.copyOf(widths);
            int unit = 1 << (widths.size() - 1);
            if (size < unit || size % unit != 0) {
                throw new Gan4jException("--size " + size + " must be a multiple of " + unit + " for a U-Net of "
                        + widths.size() + " levels");
            }
        }

        /** 2^(levels − 1): image sides must be multiples of it. */
        public int unit() {
            return 1 << (widths.size() - 1);
        }
    }

    private final Settings settings;
    private final UnetBlock[] down;
    private final UnetBlock[] up;
    private final Conv2d head;

    /** A network with PyTorch's default initialisation from the global generator (see {@link #seeded}). */
    public Segmenter(Settings settings) {
        this.settings = settings;
        List<Integer> w = settings.widths();
        int levels = w.size();
        down = new UnetBlock[levels];
        up = new UnetBlock[levels - 1];
        ModuleList<UnetBlock> downs = registerModule("down", new ModuleList<>());
        for (int l = 0; l < levels; l++) {
            down[l] = downs.add(new UnetBlock(l == 0 ? 3 : w.get(l - 1), w.get(l)));
        }
        ModuleList<UnetBlock> ups = registerModule("up", new ModuleList<>());
        for (int l = 0; l < levels - 1; l++) {
            up[l] = ups.add(new UnetBlock(w.get(l + 1) + w.get(l), w.get(l)));
        }
        head = registerModule("head", new Conv2d(w.get(0), settings.labelNc(), 1, 1, 0, true));
    }

    /** A network whose initial weights depend on {@code seed} only. */
    public static Segmenter seeded(Settings settings, long seed) {
        Seeds.seed(seed);
        return new Segmenter(settings);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public int labelNc() {
        return settings.labelNc();
    }

    @Override
    public boolean dontCare() {
        return settings.dontCare();
    }

    /**
     * Logits {@code [N, labelNc, H, W]} of images {@code [N,3,H,W]} in [−1, 1], H and W multiples of
     * {@link Settings#unit()}.
     */
    public Tensor forward(Tensor images) {
        long h = images.size(2);
        long w = images.size(3);
        int unit = settings.unit();
        if (h % unit != 0 || w % unit != 0) {
            throw new IllegalArgumentException("Segmenter.forward: " + h + "x" + w + " is not a multiple of " + unit
                    + "; use predict, which resizes");
        }
        List<Tensor> skips = new ArrayList<>();
        Tensor x = images;
        for (int l = 0; l < down.length; l++) {
            if (l > 0) {
                x = torch.max_pool2d(x, 2, 2);
            }
            x = down[l].forward(x);
            skips.add(x);
        }
        for (int l = up.length - 1; l >= 0; l--) {
            Tensor skip = skips.get(l);
            x = Resize.nearest(x, (int) skip.size(2), (int) skip.size(3));
            x = up[l].forward(torch.cat(new TensorVector(x, skip), 1));
        }
        return head.forward(x);
    }

    /**
     * The most likely class of every pixel of images {@code [N,3,H,W]} in [−1, 1] of any size: the batch is resized
     * to the trained {@code size × size} (antialiased bicubic, as the training pairs were) when it differs, the
     * logits back to H × W (bilinear), then the arg-max. Uses the current mode (a loaded or trained segmenter is
     * in eval mode: BatchNorm's running statistics).
     */
    @Override
    public List<LabelMap> predict(Tensor images) {
        int n = (int) images.size(0);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        int s = settings.size();
        try (Scope sc = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x = h == s && w == s ? images : Resize.imresizeTo(images, s, s);
            Tensor logits = forward(x);
            if (h != s || w != s) {
                logits = Resize.bilinear(logits, h, w, false);
            }
            IntBuffer buf = java.nio.IntBuffer.wrap(Tensors.ints(torch.argmax(logits, new LongOptional(1), false)));
            List<LabelMap> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int[] a = new int[h * w];
                buf.get(k * h * w, a);
                out.add(new LabelMap(w, h, a));
            }
            return out;
        }
    }

    /** The prediction for one RGB image. */
    public LabelMap predict(BufferedImage image) {
        try (Scope sc = new Scope()) {
            return predict(ImageTensors.fromImage(image)).get(0);
        }
    }

    /**
     * The scores of this segmenter on the real photos of pairs {@code first .. first+count−1} of {@code data} at its
     * own size, against their label maps.
     */
    public SegmentationScores scores(SceneDataset data, int first, int count) {
        checkData(data);
        if (first < 0 || count < 1 || first + count > data.size()) {
            throw new IllegalArgumentException("Segmenter.scores: pairs " + first + ".." + (first + count - 1) + " of "
                    + data.size());
        }
        SegmentationScores scores = new SegmentationScores(settings.labelNc(), settings.dontCare());
        int batch = 16;
        for (int i = first; i < first + count; i += batch) {
            List<BufferedImage> images = new ArrayList<>();
            List<LabelMap> truth = new ArrayList<>();
            for (int k = i; k < Math.min(first + count, i + batch); k++) {
                ScenePair p = data.pair(k, settings.size());
                images.add(p.image());
                truth.add(p.labels());
            }
            try (Scope sc = new Scope()) {
                List<LabelMap> pred = predict(ImageTensors.fromImages(images));
                for (int k = 0; k < pred.size(); k++) {
                    scores.add(truth.get(k), pred.get(k));
                }
            }
        }
        return scores;
    }

    /** {@code FILE.json} beside {@code FILE.pt}: the settings file of a segmenter file. */
    public static Path settingsFile(Path pt) {
        String name = pt.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return pt.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * Writes the state dict to {@code pt} and the settings, with {@code training} (any record, or null) under
     * {@code "training"}, to {@link #settingsFile}; each atomically.
     */
    public void save(Path pt, Object training) {
        Path json = settingsFile(pt);
        try {
            Path parent = pt.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ObjectNode node = JSON.valueToTree(settings);
            if (training != null) {
                node.set("training", JSON.valueToTree(training));
            }
            byte[] bytes = JSON.writeValueAsBytes(node);
            AtomicFile.write(pt, tmp -> PtFile.save(tmp, StateDict.of(stateDict())));
            AtomicFile.write(json, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + pt + ": " + Engine.firstLine(e), Gan4jException.FAILED, e);
        }
    }

    /** A segmenter written by {@link #save}, in eval mode. */
    public static Segmenter load(Path pt) {
        Path json = settingsFile(pt);
        if (!Files.isRegularFile(pt)) {
            throw new Gan4jException("segmenter file not found: " + pt + " (make one with gan4j spade segmenter train)");
        }
        if (!Files.isRegularFile(json)) {
            throw new Gan4jException(pt + " has no settings file " + json.getFileName() + " beside it; keep the two files"
                    + " that gan4j spade segmenter train writes together");
        }
        Settings s;
        try {
            JsonNode node = JSON.readTree(json.toFile());
            if (!(node instanceof ObjectNode obj)) {
                throw new IOException("not a JSON object");
            }
            obj.remove("training");
            s = JSON.treeToValue(obj, Settings.class);
        } catch (IOException e) {
            throw new Gan4jException(json + " is not a segmenter settings file: " + Engine.firstLine(e), e);
        } catch (IllegalArgumentException e) {
            Throwable c = e.getCause() instanceof Gan4jException g ? g : e;
            throw new Gan4jException(json + ": " + c.getMessage(), e);
        }
        Segmenter seg = new Segmenter(s);
        try (Scope sc = new Scope()) {
            seg.loadStateDict(StateDict.tensors(PtFile.load(pt), pt.toString()), pt.toString());
        } catch (RuntimeException e) {
            seg.close();
            throw e;
        }
        seg.eval();
        return seg;
    }
}
