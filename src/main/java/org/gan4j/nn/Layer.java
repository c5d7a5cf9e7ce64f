package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;

/** A module with one input and one output, so a network can hold a plain or a spectral-normalised convolution alike. */
public interface Layer {

    Tensor forward(Tensor x);
}
