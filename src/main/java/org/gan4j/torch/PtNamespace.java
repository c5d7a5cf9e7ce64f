package org.gan4j.torch;

import java.util.LinkedHashMap;

/**
 * An {@code argparse.Namespace} from a checkpoint (e.g. the {@code args} entry of rosinality's StyleGAN2
 * checkpoints), loaded as a map of its attribute names to values.
 *
 * <p>{@link PtFile#save} writes a PtNamespace as a plain dict, not as an argparse.Namespace: PyTorch's
 * weights-only loader (the default of {@code torch.load} since 2.6) refuses argparse.Namespace, while a dict of
 * numbers and strings loads everywhere. Python code that reads {@code ckpt['args'].size} must then read
 * {@code ckpt['args']['size']}.
 */
public class PtNamespace extends LinkedHashMap<String, Object> {
}
