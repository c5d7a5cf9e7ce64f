/**
 * The thin layer over libtorch: the only package with JavaCPP plumbing.
 *
 * <p>It loads the natives ({@link org.gan4j.torch.Engine}), frees per-step temporaries
 * ({@link org.gan4j.torch.Scope}), turns gradient recording off ({@link org.gan4j.torch.NoGrad}), seeds, checks
 * shapes, makes every new tensor on the device {@link org.gan4j.torch.Placement} names ({@code --device}) and moves
 * numbers between Java arrays and tensors ({@link org.gan4j.torch.Tensors}), runs mixed precision
 * ({@link org.gan4j.torch.Autocast}, {@code --amp}), and reads and writes
 * PyTorch's own checkpoint files ({@link org.gan4j.torch.PtFile}, {@link org.gan4j.torch.StateDict}) so that
 * gan4j and Python's {@code torch.save}/{@code torch.load} exchange weights both ways. The checkpoint code is
 * package-private below PtFile: a pickle reader that runs nothing and a writer, a zip reader and writer laid
 * out as PyTorch's, and the legacy pre-1.6 format.
 */
package org.gan4j.torch;
