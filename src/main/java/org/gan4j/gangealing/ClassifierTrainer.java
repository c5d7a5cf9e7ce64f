package org.gan4j.gangealing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Artifact;
import org.gan4j.train.SingleStageTrainer;

/**
 * Trains the cluster classifier (train_cluster_classifier.py): generated images at ψ = 0 are congealed by every
 * head (and flip) of the frozen T_ema; the class is the nearest to its target ({@link Assignment}); the classifier
 * learns it from the unaligned image by cross-entropy. Ends with {@code gangealing.pt}: the congealing model with
 * its {@code classifier}.
 */
public final class ClassifierTrainer implements SingleStageTrainer {

    private final ClassifierRun run;
    private final GangealingConfig c;
    private final Generator g;
    private final ImageDistance distance;
    private final GangealingCheckpoint model;
    private final ComposedStn tEma;
    private final TargetLatent ll;
    private final ClusterClassifier classifier;
    private final Adam optim;
    private final BilinearDownsample toStn;
    private final int threads;

    public ClassifierTrainer(ClassifierRun run, GangealingConfig c, Generator g, ImageDistance distance,
            GangealingCheckpoint model, Map<String, Object> resume, int threads) {
        this.run = run;
        this.c = c;
        this.g = g;
        this.distance = distance;
        this.model = model;
        this.threads = threads;
        g.eval();
        g.requiresGrad(false);
        Seeds.seed(run.seed());
        tEma = new ComposedStn(c.stn());
        tEma.loadStateDict(model.tEma(), "t_ema");
        tEma.requiresGrad(false);
        ll = new TargetLatent(g.styleDim(), c.ndirs(), c.inject(), g.nLatent(), c.heads());
        ll.loadStateDict(model.ll(), "ll");
        ll.requiresGrad(false);
        classifier = new ClusterClassifier(c.stn(), c.heads() * (c.flips() ? 2 : 1));
        classifier.initialiseFrom(tEma.similarity());
        optim = new Adam(classifier.parameters(), run.lr(), 0.9, 0.999, 1e-8);
        int gen = g.config().size();
        toStn = gen > c.stn().flowSize() ? new BilinearDownsample(gen / c.stn().flowSize(), 3) : null;
        if (resume != null) {
            classifier.loadStateDict(StateDict.tensors(resume.get("classifier"), "checkpoint[classifier]"), "checkpoint");
            optim.loadStateDict(resume.get("cls_optim"), "checkpoint[cls_optim]");
        }
    }

    public ClusterClassifier classifier() {
        return classifier;
    }

    @Override
    public long iterations() {
        return run.iters();
    }

    @Override
    public String label() {
        return "cluster classifier K=" + c.heads() + (c.flips() ? " with flips" : "");
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public Map<String, Double> step(int stage, long i) {
        optim.setLr(run.lr() * Annealing.lrFactor(i, 0, c.period(), c.tm(), c.decay()));
        Seeds.seed(Rng.iterationSeed(run.seed(), i, 0));
        Assignment a;
        Tensor in;
        try (NoGrad ng = new NoGrad()) {
            CongealingPairs pair = CongealingPairs.sample(g, ll, toStn, CongealingPairs.z(g, run.batch()), 0, false);
            a = Assignment.of(tEma, distance, pair, toStn, c.flips(), c.sampleFromFullRes(), c.padding());
            in = toStn == null ? pair.unaligned() : toStn.forward(pair.unaligned());
        }
        Tensor logits = classifier.forward(in);
        Tensor logp = torch.log_softmax(logits, 1);
        Tensor xent = logp.gather(1, a.choice().view(-1, 1)).mean().neg();
        optim.step(Autograd.zerosForUndefined(Autograd.grad(xent, classifier.parameters(), null, false),
                classifier.parameters()));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("cross_entropy", xent.item_double());
        out.put("acc1", Tensors.value(logits.argmax(new org.bytedeco.pytorch.LongOptional(1), false).eq(a.choice())
                .to(torch.ScalarType.Float).mean()));
        return out;
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("classifier", StateDict.of(classifier.stateDict()));
        root.put("cls_optim", optim.stateDict());
        root.put("iter", nextIter);
        PtFile.save(file, root);
    }

    /** The congealing model with its classifier, as the official code keeps them ({@code gangealing.pt}). */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(new Artifact(Path.of(GangealingModel.CHECKPOINT), tmp -> PtFile.save(tmp,
                new GangealingCheckpoint(model.gEma(), model.t(), model.tEma(), model.tOptim(), model.ll(),
                        model.llOptim(), model.args(), model.iter(), classifier.stateDict()).toTree())));
    }

    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        return List.of();
    }

    @Override
    public void close() {
        tEma.close();
        ll.close();
        classifier.close();
        if (toStn != null) {
            toStn.close();
        }
    }
}
