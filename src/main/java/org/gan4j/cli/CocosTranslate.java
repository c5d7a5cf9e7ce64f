package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CocosNets;
import org.gan4j.cocosnet.CorrespondencePicture;
import org.gan4j.cocosnet.InputKind;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.Images;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.LabelMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.Palette;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j cocosnet translate}: a label map or an edge map to a photo in the look of the user's exemplar. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate a label map into a photo that takes its look from an exemplar photo, with a trained or",
                "imported CoCosNet: the exemplar is warped onto the label map through the learned correspondence and",
                "the translation network paints from the warped exemplar. --exemplar-labels gives the exemplar's own",
                "label map (needed by models that match label maps too, as the released ones). --show-warp also writes",
                "the warped exemplar (OUT-warp.png) and a correspondence picture (OUT-corr.png: lines from points of",
                "the input to their best matches in the exemplar).",
                "A model trained with --input edges translates edge maps: --input is a photo whose edges gan4j computes",
                "(--input-kind photo, the default) or an edge drawing, white strokes on black, greyscale (--input-kind",
                "edges: thresholded at 0.5; draw it at the output size); the exemplar's edges are computed from it."},
        footer = {"", "Examples:",
                "  gan4j cocosnet translate --model runs/cocos --input map.png --exemplar photo.png"
                        + " --exemplar-labels photo-map.png --out out.png --show-warp",
                "  gan4j cocosnet translate --model runs/ade20k --input painted.png --palette ade20k.json"
                        + " --exemplar room.jpg --exemplar-labels room.png --size 256 --out room-styled.png",
                "  gan4j cocosnet translate --model runs/scenes-edges --input scene.png --exemplar sunset.png --out out.png",
                "  gan4j cocosnet translate --model runs/scenes-edges --input drawing.png --input-kind edges"
                        + " --exemplar sunset.png --out out.png"})
final class CocosTranslate implements Callable<Integer> {

    /** How an edges model reads --input. */
    enum InputImage {
        /** A photo: its edge map is computed as in training. */
        PHOTO,
        /** An edge drawing: white strokes on black; only the distance channel is computed. */
        EDGES
    }

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A CoCosNet run (trained or imported).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IMAGE",
            description = "The map to translate: for a label model, an 8-bit PNG of class ids or an RGB image coded with"
                    + " --palette; for an edges model, a photo or an edge drawing (--input-kind).")
    Path input;

    @Option(names = "--input-kind", paramLabel = "photo|edges",
            description = "Edges models only: --input is a photo (its edges are computed: the default) or an edge drawing"
                    + " (white strokes on black).")
    InputImage inputKind;

    @Option(names = "--exemplar", required = true, paramLabel = "IMAGE", description = "The exemplar photo.")
    Path exemplar;

    @Option(names = "--exemplar-labels", paramLabel = "MAP.png", description = "The exemplar's label map (same coding as"
            + " --input; label models only).")
    Path exemplarLabels;

    @Option(names = "--palette", paramLabel = "FILE.json",
            description = "Read label maps as colours of this palette (the model's palette.json works for its own colours).")
    Path palette;

    @Option(names = "--size", paramLabel = "PX", description = "Output size, a multiple of 32 (default: the model's crop size).")
    Integer size;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "The output photo.")
    Path out;

    @Option(names = "--show-warp", description = "Also write OUT-warp.png and OUT-corr.png.")
    boolean showWarp;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        BufferedImage photo = Images.read(exemplar);
        engine.apply();
        try (CocosModel m = CocosModel.load(model); Scope s = new Scope()) {
            CocosNets n = m.nets();
            int px = size != null ? size : n.cropSize();
            CocosModel.checkSize(px);
            BufferedImage left; // the input as the correspondence picture shows it
            CocosModel.Translation t;
            if (m.input() == InputKind.EDGES) {
                if (exemplarLabels != null || palette != null) {
                    throw new Gan4jException(model + " translates edge maps and computes the exemplar's edges itself; drop"
                            + " --exemplar-labels and --palette");
                }
                EdgeMap map = edgeMap(Images.read(input), px);
                t = m.translate(map, photo, px);
                left = map.edgesImage();
            } else {
                if (inputKind != null) {
                    throw new Gan4jException("--input-kind is for models trained on edge maps; " + model
                            + " translates label maps");
                }
                Palette pal = palette == null ? null : Palette.read(palette);
                int nc = m.labelNc();
                LabelCoding coding = new LabelCoding(nc, n.semanticNc() > nc, pal);
                LabelMap map = coding.read(input);
                LabelMap refMap = exemplarLabels == null ? null : coding.read(exemplarLabels);
                t = m.translate(map, photo, refMap, px);
                Palette view = m.palette() != null ? m.palette() : pal != null ? pal : Palette.of("default", List.of());
                left = LabelMaps.colourise(map.resized(px, px), view);
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Images.writePng(out, ImageTensors.toImage(t.image()));
            String written = out.toString();
            if (showWarp) {
                String stem = out.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                Path warpFile = out.resolveSibling(stem + "-warp.png");
                Path corrFile = out.resolveSibling(stem + "-corr.png");
                Images.writePng(warpFile, ImageTensors.toImage(Resize.nearest(t.warp().warped(), px, px)));
                BufferedImage right = ImageTensors.resized(photo, px, px);
                int g = px / CocosNets.DOWN;
                Images.writePng(corrFile, CorrespondencePicture.draw(left, right, t.warp().m(), g, g, Math.max(1, g / 8)));
                written += ", " + warpFile + " and " + corrFile;
            }
            pw.println("Wrote " + written + " (" + px + "x" + px + ", in the look of " + exemplar + ")");
            return 0;
        }
    }

    /** The edge map of --input at px × px: a photo's computed edges, or a drawing's strokes. */
    private EdgeMap edgeMap(BufferedImage img, int px) {
        BufferedImage sized = ImageTensors.resized(img, px, px);
        return inputKind == InputImage.EDGES ? EdgeMap.ofDrawing(sized, input.toString()) : EdgeMap.ofPhoto(sized);
    }
}
