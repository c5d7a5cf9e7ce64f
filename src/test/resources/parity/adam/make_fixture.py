"""Runs torch.optim.Adam on small parameters with fixed gradients and saves inputs and results as adam.pt.

gan4j's own test helper (not PyTorch code): AdamParityTest replays the same gradients through nn/Adam.java and
compares every step. Run with Debian's python3-torch: /usr/bin/python3 make_fixture.py
"""
import torch

STEPS = 6


def make_case(name, lr, betas, seed):
    g = torch.Generator().manual_seed(seed)
    # Three parameters: ordinary weights, a bias with tiny gradients (where eps in the denominator matters) and
    # one that gets no gradient at step 2 (PyTorch then skips it, and its step count falls behind).
    params = [torch.randn(3, 4, generator=g), torch.randn(5, generator=g) * 0.1, torch.randn(2, 2, 3, 3, generator=g)]
    scales = [1.0, 1e-6, 10.0]
    grads = []
    for step in range(STEPS):
        row = []
        for i, p in enumerate(params):
            if i == 2 and step == 2:
                row.append(None)
            else:
                row.append(torch.randn(p.shape, generator=g) * scales[i])
        grads.append(row)

    ps = [torch.nn.Parameter(p.clone()) for p in params]
    opt = torch.optim.Adam(ps, lr=lr, betas=betas, eps=1e-8)
    after = []
    for row in grads:
        opt.zero_grad(set_to_none=True)
        for p, gr in zip(ps, row):
            p.grad = None if gr is None else gr.clone()
        opt.step()
        after.append([p.detach().clone() for p in ps])
    state = opt.state_dict()['state']
    return {
        'name': name,
        'lr': lr,
        'beta1': float(betas[0]),
        'beta2': float(betas[1]),
        'eps': 1e-8,
        'params': params,
        'grads': grads,
        'after': after,
        'step': [int(state[i]['step']) for i in range(3)],
        'exp_avg': [state[i]['exp_avg'] for i in range(3)],
        'exp_avg_sq': [state[i]['exp_avg_sq'] for i in range(3)],
    }


def main():
    cases = [
        # SinGAN: lr 5e-4, betas (0.5, 0.999) for G and D.
        make_case('singan', 5e-4, (0.5, 0.999), 1),
    ]
    # StyleGAN2 with lazy regularisation every c steps: lr·c/(c+1), betas (0**(c/(c+1)), 0.99**(c/(c+1))), as
    # rosinality's train.py (g_reg_every 4, d_reg_every 16).
    for c, seed in ((4, 2), (16, 3)):
        ratio = c / (c + 1)
        cases.append(make_case('stylegan2_reg_every_%d' % c, 0.002 * ratio, (0 ** ratio, 0.99 ** ratio), seed))
    torch.save({'torch_version': str(torch.__version__), 'cases': cases}, 'adam.pt')


if __name__ == '__main__':
    main()
