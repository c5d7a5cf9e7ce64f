package org.gan4j.gangealing;

import org.gan4j.stylegan2.DiscriminatorDistance;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.models.ShippedModel;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * GANgealing as a {@link Method}: the frozen generator and the perceptual loss come from the run's files; a
 * checkpoint is the official dict ({@link GangealingCheckpoint}); training ends with {@code gangealing.pt}.
 */
public final class GangealingMethod implements Method<GangealingRun, GangealingTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "gangealing";

    private final World world;

    public GangealingMethod() {
        this(World.single());
    }

    /** @param world the job's processes: each trainer takes its rows of every batch and averages gradients */
    public GangealingMethod(World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<GangealingRun> configType() {
        return GangealingRun.class;
    }

    @Override
    public GangealingTrainer newTrainer(GangealingRun spec, RunDir run, Lanes lanes) {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(ShippedModel.FACES_STYLEGAN2.orFile(Path.of(spec.model())));
        return new GangealingTrainer(spec.config(), ck.gEma(), distance(spec, ck), null, spec.sampleCount(),
                lanes.count() * lanes.intraThreads(), world);
    }

    @Override
    public Start<GangealingTrainer> resume(GangealingRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(ShippedModel.FACES_STYLEGAN2.orFile(Path.of(spec.model())));
        GangealingCheckpoint saved = GangealingCheckpoint.load(checkpoint);
        GangealingTrainer t = new GangealingTrainer(spec.config(), ck.gEma(), distance(spec, ck), saved,
                spec.sampleCount(), lanes.count() * lanes.intraThreads(), world);
        return new Start<>(t, 0, saved.iter());
    }

    /** LPIPS-style VGG16 when a weights file is given, else the generator's own discriminator. */
    static ImageDistance distance(GangealingRun spec, Stylegan2Checkpoint ck) {
        if (spec.vgg16() != null) {
            return new PerceptualDistance(Vgg16Features.load(Path.of(spec.vgg16())));
        }
        if (ck.d() == null) {
            throw new Gan4jException(spec.model() + " has no discriminator ('d'), which GANgealing's default loss uses;"
                    + " give --vgg16 FILE (torchvision's vgg16 state dict) for the LPIPS-style loss");
        }
        return new DiscriminatorDistance(ck.d());
    }

    @Override
    public List<String> outputs() {
        return List.of(GangealingModel.CHECKPOINT);
    }
}
