#!/usr/bin/env python3
"""Golden fixture for the optimizers (io.mdfe.core.train.optim).

A tiny fixed problem: a linear layer (4 -> 3, with bias) on 6 fixed inputs, mean squared error
against fixed targets, trained for 5 steps with a fixed learning rate per step, by PyTorch's own
torch.optim.SGD / Adam / AdamW; SAM_Adam / SAM_AdamW are the two-pass SAM procedure written out
in plain torch around torch.optim.Adam / AdamW (rho 0.05, e_w = rho * g / (||g|| + 1e-12) with
the norm over all parameters; w += e_w; second forward/backward; w -= e_w; base step).

Run from the repository root with Debian's python (torch 1.13):
    /usr/bin/python3 tools/golden/gen_optimizer_golden.py
Writes core/src/test/resources/golden/train/optimizers.json: the problem (float32 values), the
learning rates, and per optimizer the weight and bias after every step. The Java test recomputes
the gradients with DJL autograd on the same problem and drives its optimizers through DJL's
Trainer, so the step counting and the SAM protocol are tested too.
"""
import json
import os
import tempfile

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "..", "core", "src", "test", "resources", "golden", "train", "optimizers.json")
IN, OUT_DIM, N, STEPS = 4, 3, 6, 5
LRS = [0.05, 0.04, 0.03, 0.02, 0.01]
RHO = 0.05
CASES = [
    dict(name="SGD", weight_decay=0.01, momentum=0.9),
    dict(name="Adam", weight_decay=0.01, momentum=0.9),
    dict(name="AdamW", weight_decay=0.05, momentum=0.9),
    dict(name="SAM_Adam", weight_decay=0.01, momentum=0.9),
    dict(name="SAM_AdamW", weight_decay=0.05, momentum=0.9),
]


def problem():
    g = torch.Generator().manual_seed(7)
    return dict(
        weight=torch.randn(OUT_DIM, IN, generator=g) * 0.5,
        bias=torch.randn(OUT_DIM, generator=g) * 0.1,
        x=torch.randn(N, IN, generator=g),
        y=torch.randn(N, OUT_DIM, generator=g),
    )


def loss_of(layer, p):
    return ((layer(p["x"]) - p["y"]) ** 2).mean()


def train(case, p):
    layer = torch.nn.Linear(IN, OUT_DIM)
    with torch.no_grad():
        layer.weight.copy_(p["weight"])
        layer.bias.copy_(p["bias"])
    params = [layer.weight, layer.bias]
    name, wd = case["name"], case["weight_decay"]
    base = name.replace("SAM_", "")
    if base == "SGD":
        opt = torch.optim.SGD(params, lr=LRS[0], momentum=case["momentum"], weight_decay=wd)
    elif base == "Adam":
        opt = torch.optim.Adam(params, lr=LRS[0], weight_decay=wd)
    else:
        opt = torch.optim.AdamW(params, lr=LRS[0], weight_decay=wd)
    after = []
    for t in range(STEPS):
        for group in opt.param_groups:
            group["lr"] = LRS[t]
        opt.zero_grad()
        loss_of(layer, p).backward()
        if name.startswith("SAM_"):
            norm = torch.norm(torch.stack([q.grad.norm(p=2) for q in params]), p=2)
            scale = RHO / (norm + 1e-12)
            perturbation = []
            with torch.no_grad():
                for q in params:
                    e = q.grad * scale
                    q.add_(e)
                    perturbation.append(e)
            opt.zero_grad()
            loss_of(layer, p).backward()
            with torch.no_grad():
                for q, e in zip(params, perturbation):
                    q.sub_(e)
        opt.step()
        after.append(dict(weight=layer.weight.detach().tolist(), bias=layer.bias.detach().tolist()))
    return after


def main():
    p = problem()
    fixture = dict(
        generator="tools/golden/gen_optimizer_golden.py", torch=torch.__version__,
        lrs=LRS, rho=RHO,
        problem={k: v.tolist() for k, v in p.items()},
        cases=[dict(case, after=train(case, p)) for case in CASES],
    )
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT), suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(fixture, f, indent=1)
    os.replace(tmp, OUT)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
