package org.gan4j.torch;

import org.bytedeco.pytorch.NoGradGuard;

/** Disables gradient recording until closed ({@code with torch.no_grad():}). */
public final class NoGrad implements AutoCloseable {

    private final NoGradGuard guard = new NoGradGuard();

    @Override
    public void close() {
        guard.close();
    }
}
