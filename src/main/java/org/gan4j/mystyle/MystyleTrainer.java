package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Artifact;
import org.gan4j.train.SampleGrid;
import org.gan4j.train.SingleStageTrainer;

/**
 * MyStyle's generator tuning (the official {@code tune_net.py}): every parameter of the synthesis network is
 * trained (the mapping network is not used: the anchors are already in W), with Adam (0.9, 0.999) at 3e-4; each
 * outer step makes one update per album image, in album order, on
 * <pre>  d(G(w_i), x_i) + λ_L2·MSE(G(w_i), x_i)</pre>
 * with the generator's constant noise. Nothing is random, so a resumed run repeats an uninterrupted one.
 */
public final class MystyleTrainer implements SingleStageTrainer {

    /** The checkpoint key of the next step. */
    public static final String ITER_KEY = "gan4j_mystyle_iter";
    /** The checkpoint key of the anchors, {@code [N,S]}. */
    public static final String ANCHORS_KEY = "anchors";

    private final MystyleConfig c;
    private final Generator g;
    private final Tensor latentAvg;
    private final Tensor anchors;
    private final Tensor album;
    private final ImageDistance distance;
    private final List<Tensor> params;
    private final Adam optim;
    private final int threads;

    /**
     * @param g         the generator to tune (owned and closed by the trainer)
     * @param latentAvg the base model's {@code latent_avg}, kept in the checkpoints, or null
     * @param anchors   the anchors {@code [N,S]}
     * @param album     the album {@code [N,3,H,W]} in [−1, 1], in the anchors' order
     * @param optimState a saved Adam state to continue from, or null
     */
    public MystyleTrainer(MystyleConfig config, Generator g, Tensor latentAvg, Tensor anchors, Tensor album,
            ImageDistance distance, Object optimState, int threads) {
        this.c = config;
        this.g = g;
        this.latentAvg = latentAvg;
        this.anchors = Scope.keepAlive(Shapes.check(anchors, "anchors", -1, g.styleDim()));
        int size = g.config().size();
        this.album = Scope.keepAlive(Shapes.check(album, "album", anchors.size(0), 3, size, size));
        this.distance = distance;
        this.threads = threads;
        params = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : g.namedParameters().entrySet()) {
            boolean synthesis = !e.getKey().startsWith("style.");
            e.getValue().requires_grad_(synthesis);
            if (synthesis) {
                params.add(e.getValue());
            }
        }
        optim = new Adam(params, c.tuneLr(), 0.9, 0.999);
        if (optimState != null) {
            optim.loadStateDict(optimState, "checkpoint g_optim");
        }
    }

    public Generator generator() {
        return g;
    }

    public Tensor anchors() {
        return anchors;
    }

    @Override
    public long iterations() {
        return c.tuneSteps();
    }

    @Override
    public String label() {
        return "MyStyle tuning, " + anchors.size(0) + " images at " + g.config().size() + "x" + g.config().size();
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public Map<String, Double> step(int stage, long iter) {
        int n = (int) anchors.size(0);
        double d = 0;
        double mse = 0;
        for (int i = 0; i < n; i++) {
            try (Scope s = new Scope()) {
                Tensor[] terms = terms(i);
                Tensor loss = terms[0].add(terms[1].mul(Tensors.s(c.l2Weight())));
                optim.step(Autograd.zerosForUndefined(Autograd.grad(loss, params, null, false), params));
                d += terms[0].item_double() / n;
                mse += terms[1].item_double() / n;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", d + c.l2Weight() * mse);
        out.put("distance", d);
        out.put("mse", mse);
        return out;
    }

    /** d(G(w_i), x_i) and MSE(G(w_i), x_i). */
    private Tensor[] terms(int i) {
        return terms(g, anchors, album, distance, i);
    }

    private static Tensor[] terms(Generator g, Tensor anchors, Tensor album, ImageDistance distance, int i) {
        Tensor w = anchors.narrow(0, i, 1).unsqueeze(1).repeat(1, g.nLatent(), 1); // [1,L,S]
        Tensor synth = g.synthesize(w, NoiseMode.CONST); // [1,3,H,W]
        Tensor x = album.narrow(0, i, 1);
        return new Tensor[] {distance.distance(synth, x).sum(), torch.mse_loss(synth, x)};
    }

    /** The mean reconstruction loss d + λ_L2·MSE over the album with the current weights (no update). */
    public double reconstructionLoss() {
        return reconstructionLoss(g, anchors, album, distance, c.l2Weight());
    }

    /**
     * The mean reconstruction loss d(G(w_i), x_i) + λ_L2·MSE(G(w_i), x_i) of any generator {@code g} (the base one
     * before tuning, the tuned one after) on the album {@code [N,3,H,W]} from its anchors {@code [N,S]}.
     */
    public static double reconstructionLoss(Generator g, Tensor anchors, Tensor album, ImageDistance distance,
            double l2Weight) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int n = (int) anchors.size(0);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                Tensor[] t = terms(g, anchors, album, distance, i);
                sum += (t[0].item_double() + l2Weight * t[1].item_double()) / n;
            }
            return sum;
        }
    }

    /** The tuned generator as a rosinality-layout checkpoint with the anchors, positioned at {@code nextIter}. */
    Stylegan2Checkpoint checkpoint(Long nextIter, boolean withOptimizer) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(ANCHORS_KEY, anchors);
        if (nextIter != null) {
            extras.put(ITER_KEY, nextIter);
        }
        return new Stylegan2Checkpoint(g.config(), null, null, g, latentAvg, withOptimizer ? optim.stateDict() : null,
                null, extras);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        checkpoint(nextIter, true).save(file);
    }

    /** When tuning ends: {@code mystyle.pt}, g_ema (the tuned generator), latent_avg, args and the anchors. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(new Artifact(Path.of(MystyleModel.CHECKPOINT), tmp -> checkpoint(null, false).save(tmp)));
    }

    /** One pair per album image: the picture and G(anchor). */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        List<BufferedImage> out = new ArrayList<>();
        int n = (int) anchors.size(0);
        for (int i = 0; i < n; i++) {
            Tensor w = anchors.narrow(0, i, 1).unsqueeze(1).repeat(1, g.nLatent(), 1);
            out.add(SampleGrid.tile(List.of(ImageTensors.toImage(album.narrow(0, i, 1)),
                    ImageTensors.toImage(g.synthesize(w, NoiseMode.CONST))), 2, 0));
        }
        return out;
    }

    @Override
    public void close() {
        g.close();
    }
}
