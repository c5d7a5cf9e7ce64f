package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.AttributeControl;
import org.gan4j.mystyle.AttributeTerm;
import org.gan4j.mystyle.Degradation;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j mystyle project}: an image's nearest point in the personal space — plain, inpainting or super-resolution. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = {"Project an image into a personalised model's space P_beta (the official alpha_projector.py):",
                "anchor weights α (start 1/N) and per-layer offsets, softly clamped to α ≥ −β and normalised; loss",
                "distance + MSE through the degradation + 10·Σ‖δ_l‖ + 10·mean(Σα⁺−1)², Adam 5e-3.",
                "--mask (white = known) fills the black pixels; --sr-factor F super-resolves an image F times smaller than",
                "the model (a model-size image is first area-downsampled by F). Writes input.png, projection.png,",
                "result.png (inpainting: known pixels kept), comparison.png, alphas.npy ([L,N]) and latent.npy ([1,L,S]).",
                "On a MyStyle++ model, --set fixes attributes (enhancement with attributes): + λ·Σ_m mean_l |(w⁺_l − w̄)·d_m − c_m|.",
                "--tune N then tunes the generator on the image at its projection; the result is drawn by the tuned generator."},
        footer = {"", "Examples:", "  gan4j mystyle project --model runs/me --image photo.png --out proj/",
                "  gan4j mystyle project --model runs/me --image photo.png --mask hole.png --out filled/",
                "  gan4j mystyle project --model runs/me --image small16.png --sr-factor 4 --out sr/",
                "  gan4j mystyle project --model runs/me-plus --image photo.png --mask hole.png --set yaw=0.5 --out filled-yaw/"})
final class MystyleProject implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A MyStyle run directory or its mystyle.pt.")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image.")
    Path image;

    @Option(names = "--mask", paramLabel = "FILE", description = "Inpainting mask: white (> 127) where the image is known.")
    Path mask;

    @Option(names = "--sr-factor", paramLabel = "F", description = "Super-resolution factor (a whole number ≥ 2).")
    Integer srFactor;

    @Option(names = "--set", paramLabel = "NAME=V,...", description = "MyStyle++: fix attributes of the result, e.g."
            + " yaw=0.5,expression=-0.2 (the model's attributes; see its attributes.csv).")
    String set;

    @Option(names = "--attribute-weight", defaultValue = "" + AttributeTerm.DEFAULT_WEIGHT, paramLabel = "λ", description = "λ of the attribute term"
            + " (coordinates in W's units). Default: ${DEFAULT-VALUE}.")
    double attributeWeight;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    MystyleInputs inputs = new MystyleInputs();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        if (mask != null && srFactor != null) {
            throw new Gan4jException("give --mask or --sr-factor, not both");
        }
        if (srFactor != null && srFactor < 2) {
            throw new Gan4jException("--sr-factor must be a whole number of at least 2, got " + srFactor);
        }
        if (Files.isRegularFile(out)) {
            throw new Gan4jException("--out " + out + " is a file; give a directory");
        }
        BufferedImage img = MystyleInputs.read(image);
        BufferedImage maskImg = mask != null ? Images.read(mask) : null;
        engine.apply();
        try (Scope s = new Scope(); MystyleModel m = MystyleModel.load(model)) {
            int size = m.generator().config().size();
            Degradation deg;
            Tensor target;
            Tensor known = null;
            if (srFactor != null) {
                if (size % srFactor != 0) {
                    throw new Gan4jException("--sr-factor " + srFactor + " does not divide the model's size " + size);
                }
                deg = Degradation.downsample(srFactor);
                int low = size / srFactor;
                if (img.getWidth() == low && img.getHeight() == low) {
                    target = MystyleInputs.tensor(img);
                } else {
                    target = deg.apply(MystyleInputs.tensor(MystyleInputs.fit(image, img, size, pw)));
                }
            } else if (maskImg != null) {
                Tensor mk = ImageTensors.maskFromImage(maskImg);
                if (mk.size(2) != size || mk.size(3) != size) {
                    pw.println("Note: the mask is resized to " + size + "x" + size + " (nearest).");
                    mk = Resize.nearest(mk, size, size);
                }
                mk = mk.gt(Tensors.s(127.5 / 255)).to(torch.ScalarType.Float); // the official threshold
                deg = Degradation.hole(mk);
                known = MystyleInputs.tensor(MystyleInputs.fit(image, img, size, pw));
                target = deg.apply(known);
            } else {
                deg = Degradation.none();
                target = MystyleInputs.tensor(MystyleInputs.fit(image, img, size, pw));
            }
            AttributeTerm attributes = null;
            if (set != null) {
                attributes = AttributeTerm.of(MystyleInputs.control(m, model), AttributeControl.parse(set), attributeWeight);
            }
            AlphaProjector.Result r = inputs.project(m, target, deg, attributes);
            if (attributes != null) {
                double[] got = attributes.coordinates(r.wPlus());
                float[] want = Tensors.floats(attributes.targets());
                StringBuilder line = new StringBuilder("Attributes set (coordinate on each axis, reached / requested):");
                int k = 0;
                for (String name : AttributeControl.parse(set).keySet()) {
                    line.append(String.format(" %s %.3f / %.3f", name, got[k], want[k]));
                    k++;
                }
                pw.println(line);
            }
            inputs.tuneOn(m, r, target, deg, pw);
            if (inputs.tune > 0) {
                try (NoGrad ng = new NoGrad()) {
                    r = new AlphaProjector.Result(r.alphas(), r.wPlus(),
                            m.generator().synthesize(r.wPlus(), org.gan4j.stylegan2.NoiseMode.CONST), r.startLoss(), r.loss());
                }
            }
            Tensor result = r.image();
            if (known != null) {
                // DEVIATION: the official code blends with OpenCV's seamless (Poisson) cloning of a dilated mask;
                // gan4j copies the known pixels back as they are.
                Tensor mk = deg.mask();
                result = known.mul(mk).add(r.image().mul(torch.ones_like(mk).sub(mk)));
            }
            Files.createDirectories(out);
            BufferedImage input = ImageTensors.toImage(target);
            BufferedImage projection = ImageTensors.toImage(r.image());
            BufferedImage res = ImageTensors.toImage(result);
            Images.writePng(out.resolve("input.png"), input);
            Images.writePng(out.resolve("projection.png"), projection);
            Images.writePng(out.resolve("result.png"), res);
            BufferedImage shownInput = ImageTensors.resized(input, size, size);
            Images.writePng(out.resolve("comparison.png"), SampleGrid.tile(List.of(shownInput, res), 2, SampleGrid.DEFAULT_GAP));
            Tensor alphas = r.alphas();
            Tensor w = r.wPlus();
            AppFiles.writeAtomically(out.resolve("alphas.npy"), tmp -> Npy.write(tmp, Tensors.floats(alphas.contiguous()), alphas.shape()));
            AppFiles.writeAtomically(out.resolve("latent.npy"), tmp -> Npy.write(tmp, Tensors.floats(w.contiguous()), w.shape()));
            pw.println(String.format("%s of %s into P_beta (beta %s, %d steps): loss %.4f -> %.4f. Wrote %s",
                    capital(deg.describe()), image, inputs.beta, inputs.steps, r.startLoss(), r.loss(),
                    out.resolve("result.png") + ", projection.png, input.png, comparison.png, alphas.npy, latent.npy"));
        }
        return 0;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
