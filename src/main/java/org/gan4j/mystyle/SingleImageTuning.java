package org.gan4j.mystyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * MyStyle++'s editing of a real image: "project it into α-space, then optionally tune G on it" — the personalised
 * generator tuned further on that one image at its projection w⁺, with MyStyle's tuning loss (distance + λ_L2·MSE
 * on G(w⁺) with constant noise, through the degradation when the image is incomplete), Adam (0.9, 0.999) at 3e-4 on
 * every synthesis parameter, so that the edits keep the picture's details the personal space lacks.
 */
public final class SingleImageTuning {

    /** MyStyle's tuning learning rate (official 3e-4). */
    public static final double LR = 3e-4;
    /** λ_L2, MyStyle's MSE weight (official 1). */
    public static final double L2_WEIGHT = 1.0;

    private SingleImageTuning() {}

    /**
     * The losses before and after.
     *
     * @param startLoss distance + λ_L2·MSE before tuning
     * @param loss      after
     */
    public record Result(double startLoss, double loss) {}

    /**
     * Tunes {@code g} in place for {@code steps} steps so that deg(G(wPlus)) matches {@code target}.
     *
     * @param wPlus  the projection's latent {@code [1,L,S]}
     * @param target the (degraded) image {@code [1,3,H',W']} in [−1, 1]
     */
    public static Result tune(Generator g, Tensor wPlus, Tensor target, Degradation deg, ImageDistance distance,
            int steps, Progress progress) {
        double lr = LR;
        double l2Weight = L2_WEIGHT;
        if (steps < 1) {
            throw new Gan4jException("--tune must be at least 1 step, got " + steps);
        }
        List<Tensor> params = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : g.namedParameters().entrySet()) {
            boolean synthesis = !e.getKey().startsWith("style."); // the mapping network stays as it is
            e.getValue().requires_grad_(synthesis);
            if (synthesis) {
                params.add(e.getValue());
            }
        }
        Tensor w = wPlus.detach();
        Adam opt = new Adam(params, lr, 0.9, 0.999);
        double start;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            start = loss(g, w, target, deg, distance, l2Weight).item_double();
        }
        progress.beginStage("single-image tuning", steps, 0);
        for (int i = 0; i < steps; i++) {
            try (Scope s = new Scope()) {
                Tensor l = loss(g, w, target, deg, distance, l2Weight);
                opt.step(Autograd.zerosForUndefined(Autograd.grad(l, params, null, false), params));
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("loss", l.item_double());
                progress.update(i + 1, shown);
            }
        }
        progress.endStage();
        for (Tensor p : params) {
            p.requires_grad_(false);
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return new Result(start, loss(g, w, target, deg, distance, l2Weight).item_double());
        }
    }

    private static Tensor loss(Generator g, Tensor w, Tensor target, Degradation deg, ImageDistance distance,
            double l2Weight) {
        Tensor degraded = deg.apply(g.synthesize(w, NoiseMode.CONST));
        return distance.distance(degraded, target).sum().add(torch.mse_loss(degraded, target).mul(Tensors.s(l2Weight)));
    }
}
