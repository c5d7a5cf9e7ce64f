# Makes generator.pt: the official ConSinGAN GrowingGenerator (models.py) on random weights, grown to 3 stages,
# run on fixed noise. Usage: /usr/bin/python3 make_fixture.py /path/to/ConSinGAN-checkout
import sys, types, torch
sys.path.insert(0, sys.argv[1])
from ConSinGAN import models

torch.manual_seed(7)
opt = types.SimpleNamespace(nfc=8, nc_im=3, ker_size=3, padd_size=0, num_layer=3, batch_norm=False,
                            activation="lrelu", lrelu_alpha=0.05, train_mode="generation")
g = models.GrowingGenerator(opt)
g.apply(models.weights_init)
with torch.no_grad():
    for p in g.parameters():            # perturb so that stage copies differ, as after training
        p.add_(0.05 * torch.randn_like(p))
g.init_next_stage()
with torch.no_grad():
    for p in g.body[1].parameters():
        p.add_(0.05 * torch.randn_like(p))
g.init_next_stage()
shapes = [[1, 3, 10, 12], [1, 3, 13, 15], [1, 3, 17, 20]]
noise = [torch.randn(1, 3, 10, 12)] + [torch.randn(1, 8, s[2] + 6, s[3] + 6) for s in shapes[1:]]
amp = [1.0, 0.1, 0.05]
with torch.no_grad():
    out = g(noise, shapes, amp)
torch.save({"netG": g.state_dict(), "noise": noise, "heights": [s[2] for s in shapes],
            "widths": [s[3] for s in shapes], "noise_amp": amp, "out": out}, "generator.pt")
print(out.shape, float(out.abs().mean()))
