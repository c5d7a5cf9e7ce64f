package org.gan4j.orojar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;

/**
 * The VP score (Variation Predictability): how well a small classifier, taught on only 1% of the pairs, predicts
 * which latent dimension changed from the difference of the two images; the best test top-1 accuracy (%),
 * averaged over runs. A disentangled generator makes each dimension's change look alike across samples, so
 * little data suffices.
 */
public final class Vp {

    /** One classifier run's best accuracy (%) and the epoch it came from. */
    public record Run(double accuracy, int epoch) {}

    /** The runs and their mean and (population) standard deviation, in %. */
    public record Score(List<Run> runs, double mean, double std) {}

    private Vp() {}

    /** Scores {@code pairs} with {@code c}; run r seeds its split and classifier from (seed, r). */
    public static Score score(VpPairs pairs, int nz, VpConfig c, long seed, IntConsumer progress) {
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < c.runs(); r++) {
            runs.add(run(pairs, nz, c, org.gan4j.torch.Rng.iterationSeed(seed, r, 7), progress));
        }
        double mean = runs.stream().mapToDouble(Run::accuracy).average().orElse(0);
        double var = runs.stream().mapToDouble(x -> (x.accuracy() - mean) * (x.accuracy() - mean)).average().orElse(0);
        return new Score(runs, mean, Math.sqrt(var));
    }

    static Run run(VpPairs pairs, int nz, VpConfig c, long seed, IntConsumer progress) {
        Seeds.seed(seed);
        try (Scope s = new Scope(); VarPred net = new VarPred((int) pairs.diffs().size(1), nz)) {
            Tensor order = Tensors.randperm(pairs.count()); // the official split_indices shuffle
            int nTrain = c.trainPairs();
            Tensor train = order.narrow(0, pairs.count() - nTrain, nTrain); // shuffled[n·ratio:] trains
            Tensor test = order.narrow(0, 0, pairs.count() - nTrain);
            Tensor select = c.selectPairs() > 0 && c.selectPairs() < test.size(0) ? test.narrow(0, 0, c.selectPairs()) : test;
            Adam adam = new Adam(net.parameters(), c.lr(), 0.9, 0.999, 1e-8);
            double best = -1;
            int bestEpoch = 0;
            Map<String, Tensor> bestState = null;
            for (int epoch = 0; epoch < c.epochs(); epoch++) {
                net.train(true);
                Tensor perm = train.index_select(0, Tensors.randperm(nTrain));
                for (int b = 0; b < nTrain; b += c.batch()) {
                    try (Scope step = new Scope()) {
                        Tensor idx = perm.narrow(0, b, Math.min(c.batch(), nTrain - b));
                        Tensor logits = net.forward(pairs.diffs().index_select(0, idx));
                        Tensor loss = torch.cross_entropy(logits, pairs.labels().index_select(0, idx));
                        adam.step(Autograd.grad(loss, net.parameters(), null, false));
                    }
                }
                if ((epoch + 1) % c.evalEvery() == 0 || epoch == c.epochs() - 1) {
                    double acc = accuracy(net, pairs, select);
                    if (acc > best) {
                        best = acc;
                        bestEpoch = epoch + 1;
                        bestState = snapshot(net);
                    }
                }
                progress.accept(epoch + 1);
            }
            if (select != test) { // chosen on a subset: score the chosen epoch on the whole test split
                net.loadStateDict(bestState, "best VP classifier");
                best = accuracy(net, pairs, test);
            }
            return new Run(best, bestEpoch);
        }
    }

    /** Top-1 accuracy (%) on the pairs {@code idx}, in eval mode. */
    static double accuracy(VarPred net, VpPairs pairs, Tensor idx) {
        net.eval();
        long correct = 0;
        try (NoGrad ng = new NoGrad()) {
            for (long b = 0; b < idx.size(0); b += 250) {
                try (Scope s = new Scope()) {
                    Tensor part = idx.narrow(0, b, Math.min(250, idx.size(0) - b));
                    Tensor pred = net.forward(pairs.diffs().index_select(0, part)).argmax(
                            new org.bytedeco.pytorch.LongOptional(1), false);
                    correct += pred.eq(pairs.labels().index_select(0, part)).sum().item_long();
                }
            }
        }
        return 100.0 * correct / idx.size(0);
    }

    private static Map<String, Tensor> snapshot(VarPred net) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (NoGrad ng = new NoGrad()) {
            net.stateDict().forEach((k, v) -> out.put(k, v.clone()));
        }
        return out;
    }
}
