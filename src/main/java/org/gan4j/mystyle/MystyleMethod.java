package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.Lpips;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.models.ShippedModel;
import org.gan4j.nn.AlexNetFeatures;
import org.gan4j.nn.FeatureTrunk;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.DiscriminatorDistance;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * MyStyle's tuning as a {@link Method}: the run already holds {@code album/} and {@code anchors.npy} (written by
 * {@link MystyleTraining} before the loop starts); a checkpoint is the tuned generator in rosinality's layout with
 * its Adam state, the anchors and the position; training ends with {@code mystyle.pt}.
 */
public final class MystyleMethod implements Method<MystyleRun, MystyleTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "mystyle";
    /** The run's copy of the album, at the generator's size. */
    public static final String ALBUM = "album";
    /** MyStyle++: the album's attributes, one row per picture of {@code album/} (named by its file's stem). */
    public static final String ATTRIBUTES = "attributes.csv";

    private final World world;

    public MystyleMethod() {
        this(World.single());
    }

    /** @param world the job's processes: each trainer renders its rows of every batch and averages gradients */
    public MystyleMethod(World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<MystyleRun> configType() {
        return MystyleRun.class;
    }

    @Override
    public MystyleTrainer newTrainer(MystyleRun spec, RunDir run, Lanes lanes) {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(modelFile(spec.model())); // g_ema, and d for the distance
        if (ck.g() != null) {
            ck.g().close();
        }
        Tensor anchors = Anchors.read(run.path(Anchors.FILE), ck.config().styleDim());
        return new MystyleTrainer(spec.config(), ck.gEma(), ck.latentAvg(), anchors, album(run, ck.config().size()),
                distance(spec, ck.d()), null, lanes.count() * lanes.intraThreads(), attributes(spec, run, null, null), world);
    }

    /** MyStyle++'s attributes from the run's {@code attributes.csv}, or null for a MyStyle run. */
    static MystyleTrainer.Attributes attributes(MystyleRun spec, RunDir run, Object optimState, Tensor lastAxes) {
        if (spec.plus() == null) {
            return null;
        }
        List<String> stems = new ArrayList<>();
        for (Path f : ImageFolder.list(run.path(ALBUM))) {
            String n = f.getFileName().toString();
            stems.add(n.substring(0, n.lastIndexOf('.')));
        }
        AttributeTable t = AttributeTable.read(run.path(ATTRIBUTES), stems);
        return new MystyleTrainer.Attributes(t, spec.plus(), optimState, lastAxes);
    }

    @Override
    public Start<MystyleTrainer> resume(MystyleRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(checkpoint);
        Tensor anchors = Anchors.read(run.path(Anchors.FILE), ck.config().styleDim());
        if (spec.plus() != null && ck.extras().get(MystyleTrainer.ANCHORS_KEY) instanceof Tensor moved) {
            anchors = moved.to(org.bytedeco.pytorch.global.torch.ScalarType.Float); // MyStyle++ moves the anchors
        }
        long next = ck.extras().get(MystyleTrainer.ITER_KEY) instanceof Number n ? n.longValue() : 0;
        MystyleTrainer t = new MystyleTrainer(spec.config(), ck.gEma(), ck.latentAvg(), anchors,
                album(run, ck.config().size()), distance(spec, ck.d()), ck.gOptim(), lanes.count() * lanes.intraThreads(),
                attributes(spec, run, ck.extras().get(MystyleTrainer.ANCHOR_OPTIM_KEY),
                        ck.extras().get(MystyleTrainer.AXES_KEY) instanceof Tensor ax ? ax : null), world);
        return new Start<>(t, 0, next);
    }

    @Override
    public List<String> outputs() {
        return List.of(MystyleModel.CHECKPOINT, Anchors.FILE, ALBUM);
    }

    /** {@code builtin:faces} or a checkpoint file. */
    static Path modelFile(String model) {
        return ShippedModel.FACES_STYLEGAN2.orFile(Path.of(model));
    }

    /** The run's distance ({@link #distance(String, String, String, Discriminator)}). */
    static ImageDistance distance(MystyleRun spec, Discriminator d) {
        return distance(spec.vgg16(), spec.alexnet(), spec.lpips(), d);
    }

    /**
     * MyStyle's perceptual distance: LPIPS on AlexNet as the official code when {@code alexnet} weights are given
     * (with the lpips package's linear layers {@code lpips}, or unweighted without); with {@code vgg16}, LPIPS on
     * VGG16 with {@code lpips}' layers, or the project's LPIPS-style VGG16 distance without; with neither, the
     * LPIPS-style distance on the features of the generator's own discriminator {@code d} when the checkpoint has
     * one (the shipped faces model does; a run's checkpoints and {@code mystyle.pt} keep it, so resuming, projecting
     * and editing use the distance the tuning used), else the multi-scale pixel distance.
     */
    public static ImageDistance distance(String vgg16, String alexnet, String lpips, Discriminator d) {
        if (vgg16 != null && alexnet != null) {
            throw new Gan4jException("give --alexnet or --vgg16, not both: LPIPS runs on one network");
        }
        if (alexnet != null || vgg16 != null) {
            FeatureTrunk trunk = alexnet != null ? AlexNetFeatures.load(Path.of(alexnet))
                    : Vgg16Features.load(Path.of(vgg16));
            String net = alexnet != null ? "AlexNet" : "VGG16";
            if (lpips != null) {
                return new Lpips(trunk, Lpips.linearLayers(Path.of(lpips), trunk), "LPIPS (" + net + ", " + lpips + ")");
            }
            return alexnet != null ? new Lpips(trunk, null, "LPIPS (AlexNet, unweighted channels)")
                    : new PerceptualDistance((Vgg16Features) trunk);
        }
        if (lpips != null) {
            throw new Gan4jException("--lpips-weights " + lpips + " are LPIPS's linear layers for a network: give its"
                    + " weights too (--alexnet alexnet-owt-7be5be79.pth for alex.pth, --vgg16 vgg16-397923af.pth for"
                    + " vgg.pth)");
        }
        return d != null ? new DiscriminatorDistance(d) : new PyramidLoss();
    }

    /** The run's album {@code [N,3,H,W]}, in file order. */
    static Tensor album(RunDir run, int size) {
        List<BufferedImage> images = new ArrayList<>();
        for (Path f : ImageFolder.list(run.path(ALBUM))) {
            BufferedImage img = Images.read(f);
            if (img.getWidth() != size || img.getHeight() != size) {
                throw new Gan4jException(f + " is " + img.getWidth() + "x" + img.getHeight() + " but the generator makes "
                        + size + "x" + size + " images; the run's album was changed");
            }
            images.add(img);
        }
        return ImageTensors.fromImages(images);
    }
}
