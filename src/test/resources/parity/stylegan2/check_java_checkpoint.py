"""Checks a StyleGAN2 checkpoint written by gan4j with the official code (ours, not rosinality's code):
torch.load reads it, the official Generator/Discriminator (with the checkpoint's channel table) load its
'g_ema' and 'd' with strict key matching, and render the same images and logits gan4j computed.

    /usr/bin/python3 check_java_checkpoint.py /path/to/stylegan2-pytorch-cpu CKPT IO

IO holds gan4j's z, images ('img', stored noise) and logits ('logits'). Prints the max abs errors as JSON.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from small_models import SmallDiscriminator, SmallGenerator, table  # noqa: E402

torch.set_num_threads(1)
ckpt = torch.load(sys.argv[2])
io = torch.load(sys.argv[3])
a = ckpt["args"]
channels = table(a["channel_max"], a["channel_base"], a["channel_multiplier"])
g = SmallGenerator(a["size"], a["latent"], a["n_mlp"], channels, lr_mlp=a["lr_mlp"]).eval()
g.load_state_dict(ckpt["g_ema"])
d = SmallDiscriminator(a["size"], channels).eval()
d.load_state_dict(ckpt["d"])
with torch.no_grad():
    img, _ = g([io["z"]], randomize_noise=False)
    trunc, _ = g([io["z"]], randomize_noise=False, truncation=0.5, truncation_latent=ckpt["latent_avg"])
    logits = d(io["img"])
print(json.dumps({"img": (img - io["img"]).abs().max().item(), "trunc": (trunc - io["trunc"]).abs().max().item(),
                  "logits": (logits - io["logits"]).abs().max().item(),
                  "keys": sorted(ckpt.keys())}))
