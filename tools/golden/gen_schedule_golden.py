#!/usr/bin/env python3
"""Golden fixture for the learning-rate schedule (io.mdfe.core.train.schedule).

Uses PyTorch's real torch.optim.lr_scheduler.CosineAnnealingLR (recursive form), stepped the way
upstream steps it: once per epoch (SCHEDULER.epoch_based) or once per iteration, and multiplies
its rate by the warmup factor of iteration t (0-based), which never feeds back into the
scheduler. The plan numbers (batches per epoch, iterations, warmup length) are derived here
independently from upstream-mdfe2.md, "Training semantics".

Run from the repository root with Debian's python (torch 1.13):
    /usr/bin/python3 tools/golden/gen_schedule_golden.py
Writes core/src/test/resources/golden/train/schedule.json: one case per config, with the config
overrides, the dataset size, the expected plan and the lr of every optimizer step.
"""
import json
import math
import os
import tempfile

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "..", "core", "src", "test", "resources", "golden", "train", "schedule.json")

CASES = [
    # epoch-based cosine (stepped per epoch), linear warmup over 2 epochs (warmup_steps < 10)
    dict(name="epoch_cosine_linear_2epochs", num_samples=50,
         cfg=dict(train_epoch_based=True, epochs=5, iterations=0, batch_size=8, lr=0.02, min_lr=0.001,
                  sched_epoch_based=True, sched="cosine", warmup="linear", warmup_steps=2, seen_img_warmup=160)),
    # iteration-based training and cosine, exponential warmup from seen_img_warmup (warmup_steps >= 10)
    dict(name="iter_cosine_exponential_seen_img", num_samples=100,
         cfg=dict(train_epoch_based=False, epochs=10, iterations=60, batch_size=16, lr=0.01, min_lr=0.0001,
                  sched_epoch_based=False, sched="cosine", warmup="exponential", warmup_steps=10,
                  seen_img_warmup=200)),
    # iteration-based training, cosine per epoch over a partial last epoch, no warmup
    dict(name="iter_training_epoch_cosine_no_warmup", num_samples=30,
         cfg=dict(train_epoch_based=False, epochs=10, iterations=25, batch_size=4, lr=0.5, min_lr=0.05,
                  sched_epoch_based=True, sched="cosine", warmup="none", warmup_steps=1, seen_img_warmup=160)),
    # constant rate with a one-epoch linear warmup
    dict(name="none_linear_1epoch", num_samples=20,
         cfg=dict(train_epoch_based=True, epochs=3, iterations=0, batch_size=6, lr=0.002, min_lr=0.001,
                  sched_epoch_based=False, sched="none", warmup="linear", warmup_steps=1, seen_img_warmup=160)),
]


def overrides(c):
    py = lambda b: "True" if b else "False"
    return [
        "TRAIN.epoch_based=" + py(c["train_epoch_based"]),
        "TRAIN.epochs=%d" % c["epochs"],
        "TRAIN.iterations=%d" % c["iterations"],
        "DATALOADER.batch_size=%d" % c["batch_size"],
        "OPTIMIZER.lr=%r" % c["lr"],
        "SCHEDULER.min_lr=%r" % c["min_lr"],
        "SCHEDULER.epoch_based=" + py(c["sched_epoch_based"]),
        "SCHEDULER.name=" + c["sched"],
        "SCHEDULER.warmup=" + c["warmup"],
        "SCHEDULER.warmup_steps=%d" % c["warmup_steps"],
        "SCHEDULER.seen_img_warmup=%d" % c["seen_img_warmup"],
    ]


def plan(c, n):
    bpe = -(-n // c["batch_size"])
    total = bpe * c["epochs"] if c["train_epoch_based"] else c["iterations"]
    epochs = -(-total // bpe)
    if c["warmup"] == "none":
        warmup = 0
    elif c["warmup_steps"] < 10:
        warmup = c["warmup_steps"] * bpe
    else:
        warmup = c["seen_img_warmup"] // c["batch_size"]
    return dict(batches_per_epoch=bpe, total_iterations=total, epochs=epochs, warmup_steps=warmup)


def warmup_factor(kind, t, w):
    if kind == "linear":
        return min(1.0, (t + 1) / w)
    if kind == "exponential":
        return 1.0 - math.exp(-(t + 1) / w)
    return 1.0


def lrs(c, p):
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=c["lr"])
    sched = None
    if c["sched"] == "cosine":
        t_max = p["epochs"] if c["sched_epoch_based"] else p["total_iterations"]
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=t_max, eta_min=c["min_lr"])
    out = []
    for t in range(p["total_iterations"]):
        scheduled = sched.get_last_lr()[0] if sched else c["lr"]
        out.append(scheduled * warmup_factor(c["warmup"], t, p["warmup_steps"]))
        opt.step()  # keeps the scheduler's "optimizer.step() before lr_scheduler.step()" check quiet
        end_of_epoch = (t + 1) % p["batches_per_epoch"] == 0
        if sched and (not c["sched_epoch_based"] or end_of_epoch):
            sched.step()
    return out


def main():
    cases = []
    for case in CASES:
        c, n = case["cfg"], case["num_samples"]
        p = plan(c, n)
        cases.append(dict(name=case["name"], num_samples=n, overrides=overrides(c), plan=p, lr=lrs(c, p)))
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT), suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(dict(generator="tools/golden/gen_schedule_golden.py", torch=torch.__version__, cases=cases),
                  f, indent=1)
    os.replace(tmp, OUT)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
