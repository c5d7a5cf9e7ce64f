package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.AttributeControl;
import org.gan4j.mystyle.Degradation;
import org.gan4j.mystyle.DirectionProjection;
import org.gan4j.mystyle.EdgePolicy;
import org.gan4j.mystyle.Editing;
import org.gan4j.mystyle.HullProjection;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.mystyle.PersonalSpace;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j mystyle edit}: a W direction applied inside the personal space, as a sweep strip and a GIF. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit an image inside a personalised model's space (the official edit.py): the image is projected",
                "into P_beta (or --alphas from gan4j mystyle project is used), the direction d is projected onto the",
                "anchors' span (γ = (AAᵀ)⁻¹A·d; the cosine of d and Aᵀγ is printed), and α' = α + θγ for θ from",
                "−magnitude to magnitude. --policy says what happens outside P_beta: stop (drop the frame), continue",
                "(keep it), project (the nearest point of P_beta). Writes strip.png, edit.gif and thetas.txt.",
                "On a MyStyle++ model, --set yaw=-0.5,... instead of --direction changes the image's hypercube coordinates:",
                "d = Σ_m (c_m − now_m)·d_m, and θ from 0 to 1 takes the image from where it is to the requested values.",
                "--tune N tunes the generator on the image at its projection first (MyStyle++'s editing of real images)."},
        footer = {"", "Examples:", "  gan4j mystyle edit --model runs/me --image photo.png --direction smile.npy --out edit/",
                "  gan4j mystyle edit --model runs/me --alphas proj/alphas.npy --direction yaw.npy --policy project --out yaw/",
                "  gan4j mystyle edit --model runs/me-plus --image photo.png --set yaw=-0.5 --tune 100 --out left/"})
final class MystyleEdit implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A MyStyle run directory or its mystyle.pt.")
    Path model;

    @Option(names = "--image", paramLabel = "FILE", description = "The image to edit (projected first).")
    Path image;

    @Option(names = "--alphas", paramLabel = "FILE", description = "The image's α ([L,N] or [N]) from gan4j mystyle project,"
            + " instead of --image.")
    Path alphas;

    @Option(names = "--direction", paramLabel = "FILE", description = "A W direction: a .npy of S values"
            + " ([S], [1,S], or [L,S] with equal rows).")
    Path direction;

    @Option(names = "--set", paramLabel = "NAME=V,...", description = "MyStyle++, instead of --direction: the attribute"
            + " values to edit the image to, e.g. yaw=-0.5,expression=0.3.")
    String set;

    @Option(names = "--policy", defaultValue = "continue", paramLabel = "P", description = "stop, continue or project."
            + " Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--magnitude", defaultValue = "2", paramLabel = "M", description = "The sweep's largest |θ|. Default: ${DEFAULT-VALUE}.")
    double magnitude;

    @Option(names = "--edits", defaultValue = "11", paramLabel = "N", description = "The official num_edits (N/2 steps"
            + " each side). Default: ${DEFAULT-VALUE}.")
    int edits;

    @Option(names = "--fps", defaultValue = "6", paramLabel = "F", description = "GIF frames per second. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    MystyleInputs inputs = new MystyleInputs();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        EdgePolicy p = EdgePolicy.parse(policy);
        if ((image == null) == (alphas == null)) {
            throw new Gan4jException("give the image to edit with --image FILE, or its projection with --alphas FILE (one of them)");
        }
        if ((direction == null) == (set == null)) {
            throw new Gan4jException("give the edit with --direction FILE, or (MyStyle++) --set name=value,... (one of them)");
        }
        if (inputs.tune > 0 && image == null) {
            throw new Gan4jException("--tune needs the image itself (--image), not only its --alphas");
        }
        double[] thetas = set != null ? Editing.towards(edits) : Editing.thetas(magnitude, edits);
        if (Files.isRegularFile(out)) {
            throw new Gan4jException("--out " + out + " is a file; give a directory");
        }
        BufferedImage img = image != null ? MystyleInputs.read(image) : null;
        Npy.Array dir = direction != null ? Npy.read(direction) : null;
        engine.apply();
        try (Scope s = new Scope(); MystyleModel m = MystyleModel.load(model)) {
            int size = m.generator().config().size();
            int layers = m.generator().nLatent();
            double[][] anchors = m.anchorMatrix();
            Map<String, Double> values = set != null ? AttributeControl.parse(set) : null;
            if (values != null) {
                // one line for a model without axes or an unknown name, before projecting
                values.keySet().forEach(MystyleInputs.control(m, model).table()::index);
            }
            double[][] alpha;
            if (img != null) {
                Tensor target = MystyleInputs.tensor(MystyleInputs.fit(image, img, size, pw));
                AlphaProjector.Result r = inputs.project(m, target, Degradation.none());
                inputs.tuneOn(m, r, target, Degradation.none(), pw);
                alpha = PersonalSpace.matrix(r.alphas());
            } else {
                alpha = readAlphas(alphas, layers, anchors.length);
            }
            double[] d;
            if (values != null) {
                Editing.Towards t = Editing.towards(alpha, anchors, m.control(), values);
                d = t.direction();
                for (String line : t.describe()) {
                    pw.println(line);
                }
            } else {
                d = direction(dir, anchors[0].length);
            }
            DirectionProjection proj = DirectionProjection.of(anchors, d);
            pw.println(String.format("Cosine similarity of the projected direction to the original: %.3f", proj.cosine()));
            List<Editing.Edit> sweep = Editing.sweep(alpha, proj.gamma(), anchors, thetas, p, inputs.beta,
                    p == EdgePolicy.PROJECT ? new HullProjection(anchors) : null);
            if (sweep.isEmpty()) {
                throw new Gan4jException("every edit left P_beta and --policy stop dropped them all; lower --magnitude or"
                        + " use --policy continue or project");
            }
            List<BufferedImage> frames = new ArrayList<>();
            StringBuilder lines = new StringBuilder("theta,outside\n");
            try (NoGrad ng = new NoGrad()) {
                for (Editing.Edit e : sweep) {
                    try (Scope f = new Scope()) {
                        Tensor w = PersonalSpace.tensor(e.wPlus()).unsqueeze(0); // [1,L,S]
                        frames.add(ImageTensors.toImage(m.generator().synthesize(w, NoiseMode.CONST)));
                    }
                    lines.append(e.theta()).append(',').append(e.outside()).append('\n');
                }
            }
            Files.createDirectories(out);
            Images.writePng(out.resolve("strip.png"), SampleGrid.tile(frames, frames.size(), SampleGrid.DEFAULT_GAP));
            List<BufferedImage> loop = new ArrayList<>(frames);
            for (int i = frames.size() - 2; i > 0; i--) {
                loop.add(frames.get(i)); // there and back
            }
            AnimatedGif.write(out.resolve("edit.gif"), loop, fps);
            String text = lines.toString();
            AppFiles.writeAtomically(out.resolve("thetas.txt"), tmp -> Files.writeString(tmp, text));
            long outside = sweep.stream().filter(Editing.Edit::outside).count();
            pw.println("Edited " + (image != null ? image : alphas) + (set != null ? " to " + set : " along " + direction) + ": " + sweep.size() + " of "
                    + thetas.length + " frames (" + outside + " outside P_beta, policy " + p.name().toLowerCase(java.util.Locale.ROOT)
                    + "). Wrote " + out.resolve("strip.png") + ", edit.gif, thetas.txt");
        }
        return 0;
    }

    /** The direction's S values. */
    private double[] direction(Npy.Array a, int s) {
        long[] sh = a.shape();
        float[] f = a.data();
        if (sh.length == 0 || sh[sh.length - 1] != s) {
            throw new Gan4jException("--direction " + direction + " has shape " + java.util.Arrays.toString(sh)
                    + "; expected " + s + " values (the model's W)");
        }
        for (int i = s; i < f.length; i++) {
            if (f[i] != f[i % s]) {
                throw new Gan4jException("--direction " + direction + " holds different rows; give one W direction");
            }
        }
        double[] d = new double[s];
        for (int k = 0; k < s; k++) {
            d[k] = f[k];
        }
        return d;
    }

    /** α from a .npy: [L,N] per layer, or [N] (or [1,N]) for every layer. */
    private static double[][] readAlphas(Path file, int layers, int n) {
        Npy.Array a = Npy.read(file);
        long[] sh = a.shape();
        if (sh.length == 0 || sh[sh.length - 1] != n || !(a.data().length == n || a.data().length == (long) layers * n)) {
            throw new Gan4jException("--alphas " + file + " has shape " + java.util.Arrays.toString(sh) + "; expected [" + layers
                    + "," + n + "] or [" + n + "] (one weight per anchor)");
        }
        double[][] out = new double[layers][n];
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < n; i++) {
                out[l][i] = a.data()[a.data().length == n ? i : l * n + i];
            }
        }
        return out;
    }
}
