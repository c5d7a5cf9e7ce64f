package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.LabelMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.Npy;
import org.gan4j.data.Palette;
import org.gan4j.spade.ConvEncoder;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.Synthesis;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j spade synthesize}: photos from a label map, in a style image's look or from random style codes. */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = {"Synthesize photos from a label map with a trained or imported SPADE model.",
                "With --style (a model trained with the style encoder) the photo takes the style image's look: the",
                "encoder's mean code, then --count - 1 codes sampled around it. Without, style codes z ~ N(0, I) from",
                "--seed give --count different photos; --latents renders given codes. A model trained without the",
                "encoder makes one photo per label map. The output has the label map's size; a colour-coded view of",
                "the label map is written beside it (labels_color.png)."},
        footer = {"", "Examples:",
                "  gan4j spade synthesize --model runs/scenes --labels map.png --out out/",
                "  gan4j spade synthesize --model runs/mine --labels map.png --style photo.png --count 4 --out styled/",
                "  gan4j spade synthesize --model runs/mine --labels map.png --seed 3 --count 8 --out multimodal/",
                "  gan4j spade synthesize --model runs/coco --labels painted.png --palette coco.json --out out/"})
final class SpadeSynthesize implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A SPADE run (trained or imported).")
    Path model;

    @Option(names = "--labels", required = true, paramLabel = "MAP.png",
            description = "The label map: 8-bit PNG of class ids, or an RGB image coded with --palette.")
    Path labels;

    @Option(names = "--palette", paramLabel = "FILE.json",
            description = "Read --labels as colours of this palette (the model's palette.json works for its own colours).")
    Path palette;

    @Option(names = "--instance", paramLabel = "MAP.png",
            description = "Instance map for a model with instance edges (default: each labelled region is one instance).")
    Path instance;

    @Option(names = "--style", paramLabel = "IMAGE", description = "Style image (needs a model trained with --style-encoder).")
    Path style;

    @Option(names = "--latents", paramLabel = "FILE.npy", description = "Style codes to render: .npy of shape [N, 256].")
    Path latents;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "Photos to make. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the style codes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        if (count < 1) {
            throw new Gan4jException("--count must be at least 1, got " + count);
        }
        if (style != null && latents != null) {
            throw new Gan4jException("give --style or --latents, not both");
        }
        Npy.Array codes = latents == null ? null : Npy.read(latents);
        BufferedImage styleImage = style == null ? null : Images.read(style);
        engine.apply();
        try (SpadeModel m = SpadeModel.load(model); Scope s = new Scope()) {
            SpadeNets n = m.nets();
            Palette pal = palette == null ? null : Palette.read(palette);
            LabelMap map = new LabelCoding(n.labelNc(), n.dontcare(), pal).read(labels);
            LabelMap inst = instance == null ? null : LabelMaps.readInstances(instance);
            Tensor z = null;
            if (!m.usesStyle()) {
                if (style != null || latents != null) {
                    throw new Gan4jException(model + " was trained without the style encoder: it makes one photo per label"
                            + " map and takes no --style or --latents (train with --style-encoder)");
                }
            } else if (styleImage != null) {
                z = Synthesis.styleCodes(m, ImageTensors.fromImage(styleImage), count, Rng.seeded(seed));
            } else if (codes != null) {
                if (codes.shape().length != 2 || codes.shape()[1] != ConvEncoder.Z_DIM) {
                    throw new Gan4jException(latents + " holds an array of shape " + java.util.Arrays.toString(codes.shape())
                            + "; style codes are [N, " + ConvEncoder.Z_DIM + "]");
                }
                z = Tensors.of(codes.data(), codes.shape());
            } else {
                z = Rng.seeded(seed).randn(count, ConvEncoder.Z_DIM);
            }
            Files.createDirectories(out);
            Palette view = m.palette() != null ? m.palette() : pal;
            Images.writePng(out.resolve("labels_color.png"), LabelMaps.colourise(map, view != null ? view
                    : Palette.of("default", List.of())));
            List<BufferedImage> photos = ImageTensors.toImages(Synthesis.synthesize(m, map, inst, z));
            for (int i = 0; i < photos.size(); i++) {
                Images.writePng(out.resolve(String.format("synth_%03d.png", i)), photos.get(i));
            }
            pw.println("Wrote " + photos.size() + " photo" + (photos.size() == 1 ? "" : "s") + " of " + map.width() + "x"
                    + map.height() + (styleImage != null ? " in the style of " + style : "") + " and labels_color.png to " + out);
            return 0;
        }
    }
}
