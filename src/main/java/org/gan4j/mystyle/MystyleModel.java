package org.gan4j.mystyle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;

/**
 * A personalised model: the tuned generator and its anchors, from a finished run's {@code mystyle.pt} (a
 * rosinality-layout StyleGAN2 checkpoint with an extra {@code anchors} entry, so {@code gan4j stylegan2} verbs read it
 * too) or from that file directly.
 */
public final class MystyleModel implements AutoCloseable {

    /** The finished run's checkpoint. */
    public static final String CHECKPOINT = "mystyle.pt";

    private final Generator g;
    private final Tensor anchors;
    private final AttributeControl control;
    private final Discriminator d; // the tuning's distance network, or null

    public MystyleModel(Generator g, Tensor anchors) {
        this(g, anchors, null, null);
    }

    /**
     * A MyStyle++ model when {@code control} is given; {@code d} is the discriminator whose features the tuning
     * compared (null when it used another distance).
     */
    public MystyleModel(Generator g, Tensor anchors, AttributeControl control, Discriminator d) {
        this.g = g;
        this.anchors = Scope.keepAlive(Shapes.check(anchors, "anchors", -1, g.styleDim()));
        this.control = control;
        this.d = d;
    }

    /** Opens a run directory (its {@code mystyle.pt}) or a {@code mystyle.pt} file. */
    public static MystyleModel load(Path runOrFile) {
        Path file = runOrFile;
        if (Files.isDirectory(runOrFile)) {
            file = runOrFile.resolve(CHECKPOINT);
            if (!Files.isRegularFile(file)) {
                throw new Gan4jException(runOrFile + " has no " + CHECKPOINT + ": personalise first (gan4j mystyle"
                        + " personalize ... --out " + runOrFile + "), or finish the run with --resume " + runOrFile);
            }
        } else if (!Files.isRegularFile(file)) {
            throw new Gan4jException("--model " + runOrFile + " not found: give a MyStyle run directory or its " + CHECKPOINT);
        }
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(file);
        if (!(ck.extras().get(MystyleTrainer.ANCHORS_KEY) instanceof Tensor a)) {
            ck.close();
            throw new Gan4jException(file + " is a StyleGAN2 checkpoint without MyStyle's anchors; give a MyStyle run"
                    + " (gan4j mystyle personalize --out RUN)");
        }
        if (ck.g() != null) {
            ck.g().close();
        }
        Tensor anchors = a.to(org.bytedeco.pytorch.global.torch.ScalarType.Float);
        return new MystyleModel(ck.gEma(), anchors, control(ck.extras().get(MystyleTrainer.PLUS_KEY), anchors, file),
                ck.d());
    }

    /** MyStyle++'s control from the checkpoint's {names, values, levels} entry, or null when there is none. */
    static AttributeControl control(Object entry, Tensor anchors, Path file) {
        if (entry == null) {
            return null;
        }
        if (!(entry instanceof java.util.Map<?, ?> m) || !(m.get("names") instanceof java.util.List<?> names)
                || !(m.get("values") instanceof Tensor values) || !(m.get("levels") instanceof Number levels)) {
            throw new Gan4jException(file + ": the " + MystyleTrainer.PLUS_KEY + " entry is not {names, values, levels}");
        }
        java.util.List<String> n = names.stream().map(String::valueOf).toList();
        double[][] v = PersonalSpace.matrix(values.to(org.bytedeco.pytorch.global.torch.ScalarType.Float).contiguous());
        if (v.length != anchors.size(0) || (v.length > 0 && v[0].length != n.size())) {
            throw new Gan4jException(file + ": " + MystyleTrainer.PLUS_KEY + " holds " + v.length + " rows of attributes"
                    + " for " + anchors.size(0) + " anchors");
        }
        return AttributeControl.of(anchors, new AttributeTable(n, v), levels.intValue());
    }

    /** MyStyle++'s attribute control, or null for a MyStyle model. */
    public AttributeControl control() {
        return control;
    }

    public Generator generator() {
        return g;
    }

    /**
     * The distance for projecting into this model and tuning it further: LPIPS with the weights files given
     * (null for none; {@link MystyleMethod#distance}), else the discriminator distance its tuning used, if it did.
     */
    public ImageDistance distance(Path vgg16, Path alexnet, Path lpips) {
        return MystyleMethod.distance(name(vgg16), name(alexnet), name(lpips), d);
    }

    private static String name(Path p) {
        return p == null ? null : p.toString();
    }

    /** The anchors {@code [N,S]}. */
    public Tensor anchors() {
        return anchors;
    }

    /** The anchors as a matrix {@code [N][S]}. */
    public double[][] anchorMatrix() {
        return PersonalSpace.matrix(anchors);
    }

    @Override
    public void close() {
        g.close();
        if (d != null) {
            d.close();
        }
    }
}
