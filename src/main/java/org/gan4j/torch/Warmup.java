package org.gan4j.torch;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads the natives once in a throw-away JVM. On a machine whose JavaCPP cache is empty the first JVM that
 * extracts and loads libtorch can crash; {@code bin/warm-natives} runs this until it succeeds so that a
 * user's first command never does.
 */
public final class Warmup {

    private Warmup() {}

    public static void main(String[] args) {
        Engine.init();
        Tensor t = torch.ones(2, 2);
        if (t.sum().item_float() != 4f) {
            System.exit(3);
        }
        System.out.println("natives ok: libtorch with " + Engine.threads() + " threads");
    }
}
