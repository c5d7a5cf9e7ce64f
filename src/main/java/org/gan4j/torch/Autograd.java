package org.gan4j.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** {@code torch.autograd.grad} from Java: gradients returned rather than accumulated into {@code .grad}. */
public final class Autograd {

    private Autograd() {}

    /**
     * Gradients of {@code output} (a scalar, or any shape with {@code gradOutput}) with respect to
     * {@code inputs}; an input the output does not depend on gets an undefined tensor.
     *
     * @param output      what to differentiate
     * @param inputs      the tensors to differentiate with respect to
     * @param gradOutput  the vector of the vector-Jacobian product ({@code grad_outputs}), or null for a scalar
     * @param createGraph keep a graph of the gradient itself (R1, path length: double backward)
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph) {
        TensorVector out = torch.grad(new TensorVector(output), new TensorVector(inputs.toArray(new Tensor[0])),
                gradOutput == null ? new TensorVector() : new TensorVector(gradOutput),
                new BoolOptional(createGraph), createGraph, true);
        List<Tensor> grads = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            grads.add(new Tensor(out.get(i))); // a counted handle: the vector's slots die with it
        }
        return grads;
    }

    /** The gradient of a scalar with respect to one tensor. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(output, List.of(input), null, createGraph).get(0);
    }

    /**
     * Element-wise sums of gradient lists, added in the order given ((a + b) + c ...), so a step's result does not
     * depend on which lane finished first; an undefined entry counts as zero.
     */
    @SafeVarargs
    public static List<Tensor> sum(List<Tensor> first, List<Tensor>... more) {
        List<Tensor> out = first;
        for (List<Tensor> next : more) {
            List<Tensor> acc = new ArrayList<>(out.size());
            for (int i = 0; i < out.size(); i++) {
                Tensor x = out.get(i);
                Tensor y = next.get(i);
                acc.add(!x.defined() ? y : !y.defined() ? x : x.add(y));
            }
            out = acc;
        }
        return out;
    }

    /**
     * Replaces undefined gradients by zeros of the parameter's shape, as a parameter whose {@code .grad} was
     * zeroed (not set to None) before {@code backward()} in PyTorch 1.x: Adam then still counts the step and
     * decays its moments, as the official StyleGAN2 loop does (its {@code 0 * real_pred[0]} terms).
     */
    public static List<Tensor> zerosForUndefined(List<Tensor> grads, List<Tensor> params) {
        List<Tensor> out = new ArrayList<>(grads.size());
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            out.add(g == null || !g.defined() ? torch.zeros_like(params.get(i)) : g);
        }
        return out;
    }
}
