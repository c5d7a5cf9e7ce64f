/**
 * Data-parallel training on PyTorch's own collective backend (c10d): what {@code DistributedDataParallel} does in
 * Python, which libtorch's C++ frontend lacks, for gan4j's trainers.
 *
 * <p>{@link org.gan4j.torch.dist.Launch} reads the variables that torchrun, SLURM (through a small wrapper) and
 * Kubeflow's PyTorchJob set ({@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK}, {@code WORLD_SIZE},
 * {@code LOCAL_RANK}); {@link org.gan4j.torch.dist.World#join} meets the other processes through c10d's
 * {@code TCPStore} (rank 0 hosts it) and makes a Gloo process group. A {@link org.gan4j.torch.dist.World} then
 * gives a trainer DDP's semantics: parameters and buffers broadcast from rank 0, gradients averaged in buckets
 * of flattened tensors (one allreduce per bucket, divided by the world size), metrics averaged, and rows of a
 * batch gathered. {@link org.gan4j.torch.dist.Shard} says which rows of a global batch a rank holds (rank r:
 * rows r, r + N, r + 2N, …, as {@code torch.utils.data.DistributedSampler} hands out indices), so one process
 * reading the whole global batch computes the same model as N processes reading their shards, up to the order
 * of the sums. A collective that fails (a process died, or none answered within the timeout) ends the process
 * with one line ({@link org.gan4j.Gan4jException}).
 *
 * <p>docs/distributed.md says what the JavaCPP presets offer here and what does not work.
 */
package org.gan4j.torch.dist;
