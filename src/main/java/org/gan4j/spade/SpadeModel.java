package org.gan4j.spade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Palette;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;

/**
 * A trained (or imported) SPADE model for synthesis: the generator and, when it was trained with one, the style
 * encoder, in eval mode (running statistics, spectral norm from the stored vectors). A run directory holds it as
 * the official files: {@code latest_net_G.pth}, {@code latest_net_E.pth} (each a plain state dict, what the
 * official {@code test.py} loads), beside {@code config.json} and the label {@code palette.json}.
 */
public final class SpadeModel implements AutoCloseable {

    /** The official file names. */
    public static final String NET_G = "latest_net_G.pth";
    public static final String NET_D = "latest_net_D.pth";
    public static final String NET_E = "latest_net_E.pth";
    /** The classes' names and colours. */
    public static final String PALETTE_JSON = "palette.json";

    private final SpadeConfig config;
    private final SpadeGenerator g;
    private final ConvEncoder e;
    private final Palette palette;

    public SpadeModel(SpadeConfig config, SpadeGenerator g, ConvEncoder e, Palette palette) {
        this.config = config;
        this.g = g;
        this.e = e;
        this.palette = palette;
        g.eval();
        if (e != null) {
            e.eval();
        }
    }

    /**
     * The model of a SPADE run: its {@code latest_net_G.pth} (and {@code _E}) when training finished, else the
     * networks of its last checkpoint.
     */
    public static SpadeModel load(Path dir) {
        RunDir run = RunDir.open(dir, SpadeMethod.NAME);
        SpadeConfig c = run.readConfig(SpadeRun.class).config();
        SpadeNets n = c.nets();
        Palette palette = Files.isRegularFile(run.path(PALETTE_JSON)) ? Palette.read(run.path(PALETTE_JSON)) : null;
        Map<String, Tensor> gState;
        Map<String, Tensor> eState = null;
        Path gFile = run.path(NET_G);
        if (Files.isRegularFile(gFile)) {
            gState = StateDict.tensors(PtFile.load(gFile), gFile.toString());
            Path eFile = run.path(NET_E);
            if (n.useVae()) {
                if (!Files.isRegularFile(eFile)) {
                    throw new Gan4jException(dir + " has a style-code generator but no " + NET_E);
                }
                eState = StateDict.tensors(PtFile.load(eFile), eFile.toString());
            }
        } else {
            Path latest = run.latestCheckpoint();
            if (!Files.isRegularFile(latest)) {
                throw new Gan4jException(dir + " holds no SPADE model yet (no " + NET_G + " and no checkpoint)");
            }
            SpadeCheckpoint ck = SpadeCheckpoint.load(latest);
            gState = ck.netG();
            eState = ck.netE();
        }
        SpadeGenerator g = new SpadeGenerator(n);
        g.loadStateDict(gState, gFile.toString());
        ConvEncoder e = null;
        if (n.useVae()) {
            e = new ConvEncoder(n.ngf(), n.cropSize(), NonSpadeNorm.parse(n.normE()));
            e.loadStateDict(eState, run.path(NET_E).toString());
        }
        return new SpadeModel(c, g, e, palette);
    }

    public SpadeConfig config() {
        return config;
    }

    public SpadeNets nets() {
        return config.nets();
    }

    /** Whether the generator starts from a style code (trained with the encoder). */
    public boolean usesStyle() {
        return config.nets().useVae();
    }

    /** Whether a style image can be encoded (the encoder is there). */
    public boolean hasEncoder() {
        return e != null;
    }

    /** The label palette the model was trained with, or null. */
    public Palette palette() {
        return palette;
    }

    /** G(m, z) in eval mode; z is null for a label-map generator. */
    public Tensor synthesize(Tensor semantics, Tensor z) {
        try (NoGrad ng = new NoGrad()) {
            return g.forward(semantics, z);
        }
    }

    /** q(z|x) of style images x [N,3,H,W] in [−1,1]. */
    public ConvEncoder.Posterior encode(Tensor images) {
        if (e == null) {
            throw new Gan4jException("this SPADE model has no style encoder; train with --style-encoder to use --style");
        }
        try (NoGrad ng = new NoGrad()) {
            return e.forward(images);
        }
    }

    public SpadeGenerator generator() {
        return g;
    }

    @Override
    public void close() {
        g.close();
        if (e != null) {
            e.close();
        }
    }
}
