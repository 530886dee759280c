#!/usr/bin/env python3
"""Golden fixtures for the six margin-softmax heads (io.mdfe.core.model.head).

Implements the formulas of margin-heads.md independently, in plain float64 torch, and writes
core/src/test/resources/golden/heads/<head>_k<k>.json (values float32-rounded).

Run from the repository root with Debian's python (torch 1.13):
    /usr/bin/python3 tools/golden/gen_head_golden.py

Each fixture holds the float32 inputs (x, W, labels, class counts), the head parameters under
their upstream MODEL.HEAD keys, and for ONE training forward from a fresh head: logits, the
mean cross-entropy loss, dLoss/dW and dLoss/dx. Stateful heads also record their state after
one and after two training forwards on the same inputs. "inference_logits" is the label-less
forward of a fresh head: s * cos, no margin.
"""
import json
import math
import os
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

B, D, C = 6, 8, 5
LABELS = [0, 1, 2, 3, 4, 0]
BRANCH_ROW = 5      # row built to land in the cos <= th branch of ArcFace-style heads
ROW_NORMS = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]  # varied norms so AdaFace's margin scaler varies
CLASS_COUNTS = [50, 3, 20, 7, 100]
EPS_ADAFACE = 1e-3
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "core", "src", "test", "resources", "golden", "heads")


def f32(v):
    """Round a python float through float32, as the Java side stores its parameters."""
    return float(np.float32(v))


def make_inputs(k, seed):
    g = torch.Generator().manual_seed(seed)
    bound = math.sqrt(6.0 / (C * k + D))  # torch.nn.init.xavier_uniform_
    w = (torch.rand(C * k, D, generator=g, dtype=torch.float64) * 2 - 1) * bound
    x = torch.randn(B, D, generator=g, dtype=torch.float64)
    # The target class of BRANCH_ROW gets sub-centres close to one direction and x points
    # the other way, so even the best sub-centre has cos below th = cos(pi - m).
    label = LABELS[BRANCH_ROW]
    centre = torch.randn(D, generator=g, dtype=torch.float64)
    for j in range(k):
        w[label * k + j] = centre * bound / centre.norm() * 0.9 \
            + 0.02 * torch.randn(D, generator=g, dtype=torch.float64)
    x[BRANCH_ROW] = -centre / centre.norm() + 0.05 * torch.randn(D, generator=g, dtype=torch.float64)
    x = x / x.norm(dim=1, keepdim=True) * torch.tensor(ROW_NORMS, dtype=torch.float64).view(-1, 1)
    # The reference computes on exactly the float32 values the Java side will see.
    return x.float().double(), w.float().double()


def cosine(x, w, k, lo=-1.0, hi=1.0):
    xn = x / torch.sqrt((x * x).sum(dim=1, keepdim=True))
    wn = w / torch.sqrt((w * w).sum(dim=1, keepdim=True))
    cos = torch.clamp(xn @ wn.t(), lo, hi)
    return cos.reshape(x.shape[0], C, k).max(dim=2).values


def set_target(logits, y, target):
    out = logits.clone()
    out[torch.arange(len(y)), y] = target
    return out


def arcface_logits(cos, y, margins, s):
    rows = torch.arange(len(y))
    ct = cos[rows, y]
    m = margins[y]
    th = torch.cos(math.pi - m)
    mm = torch.sin(math.pi - m) * m
    phi = torch.where(ct > th, torch.cos(torch.acos(ct) + m), ct - mm)
    return s * set_target(cos, y, phi)


def dynamic_margins(counts, m_min, m_max):
    n = torch.tensor(counts, dtype=torch.float64)
    span = n.max() - n.min()
    n01 = torch.zeros_like(n) if span == 0 else (n - n.min()) / span
    return m_min + 0.5 * (m_max - m_min) * (1 + torch.cos(math.pi * n01))


class ArcFace:
    stateful = False

    def __init__(self, p, k):
        self.p, self.k = p, k

    def margins(self):
        return torch.full((C,), self.p["m"], dtype=torch.float64)

    def forward(self, x, w, y):
        return arcface_logits(cosine(x, w, self.k), y, self.margins(), self.p["s"])

    def inference(self, x, w):
        return self.p["s"] * cosine(x, w, self.k)


class DynMArcFace(ArcFace):
    def margins(self):
        return dynamic_margins(CLASS_COUNTS, self.p["m_min"], self.p["m_max"])


class LiArcFace(ArcFace):
    def forward(self, x, w, y):
        rows = torch.arange(len(y))
        theta = torch.acos(cosine(x, w, self.k))
        angle = set_target(theta, y, theta[rows, y] + self.p["m"])
        return self.p["s"] * (math.pi - 2 * angle) / math.pi


class AdaCos(ArcFace):
    stateful = True

    def __init__(self, p, k):
        super().__init__(p, k)
        self.s = math.sqrt(2) * math.log(C - 1)

    def state(self):
        return {"s": float(self.s)}

    def forward(self, x, w, y):
        cos = cosine(x, w, self.k)
        if self.p["dynamic_s"]:
            with torch.no_grad():
                rows = torch.arange(len(y))
                non_target = torch.ones_like(cos, dtype=torch.bool)
                non_target[rows, y] = False
                b_avg = torch.exp(self.s * cos[non_target]).sum() / len(y)
                theta_t, _ = torch.sort(torch.acos(cos[rows, y]))
                theta_med = theta_t[(len(y) - 1) // 2]  # torch.median: the lower middle value
                self.s = (torch.log(b_avg) / torch.cos(torch.clamp(theta_med, max=math.pi / 4))).item()
        return self.s * cos

    def inference(self, x, w):
        return self.s * cosine(x, w, self.k)


class CurricularFace(ArcFace):
    stateful = True

    def __init__(self, p, k):
        super().__init__(p, k)
        self.t = 0.0

    def state(self):
        return {"t": float(self.t)}

    def forward(self, x, w, y):
        m, rows = self.p["m"], torch.arange(len(y))
        cos = cosine(x, w, self.k)
        ct = cos[rows, y]
        ctm = torch.cos(torch.acos(ct) + m)
        th, mm = math.cos(math.pi - m), math.sin(math.pi - m) * m
        final = torch.where(ct > th, ctm, ct - mm)
        with torch.no_grad():
            self.t = (0.01 * ct.mean() + 0.99 * self.t).item()
        hard = cos > ctm.view(-1, 1)
        logits = torch.where(hard, cos * (self.t + cos), cos)
        return self.p["s"] * set_target(logits, y, final)


class AdaFace(ArcFace):
    stateful = True

    def __init__(self, p, k):
        super().__init__(p, k)
        self.batch_mean, self.batch_std = 20.0, 100.0

    def state(self):
        return {"batch_mean": float(self.batch_mean), "batch_std": float(self.batch_std)}

    def forward(self, x, w, y):
        p, rows, eps = self.p, torch.arange(len(y)), EPS_ADAFACE
        cos = cosine(x, w, self.k, -1 + eps, 1 - eps)
        safe = torch.clamp(torch.sqrt((x * x).sum(dim=1)), 0.001, 100).detach()
        with torch.no_grad():
            a = p["t_alpha"]
            self.batch_mean = (a * safe.mean() + (1 - a) * self.batch_mean).item()
            self.batch_std = (a * safe.std(unbiased=True) + (1 - a) * self.batch_std).item()
        scaler = torch.clamp(p["h"] * (safe - self.batch_mean) / (self.batch_std + eps), -1, 1)
        angle_t = torch.clamp(torch.acos(cos[rows, y]) - p["m"] * scaler, eps, math.pi - eps)
        target = torch.cos(angle_t) - (p["m"] + p["m"] * scaler)
        return p["s"] * set_target(cos, y, target)

    def inference(self, x, w):
        return self.p["s"] * cosine(x, w, self.k, -1 + EPS_ADAFACE, 1 - EPS_ADAFACE)


HEADS = {
    "arcface": ("ArcFace", ArcFace, {}),
    "dynm_arcface": ("DynM-ArcFace", DynMArcFace, {}),
    "adacos": ("AdaCos", AdaCos, {}),
    "liarcface": ("LiArcFace", LiArcFace, {}),
    "curricularface": ("CurricularFace", CurricularFace, {}),
    "adaface": ("AdaFace", AdaFace, {"m": 0.4, "t_alpha": 0.7}),
}


def params(name, k, overrides):
    p = {"name": name, "num_classes": C, "embedding_dim": D, "k": k, "s": 30.0,
         "dynamic_s": True, "m": 0.5, "m_max": 0.5, "m_min": 0.2, "h": 0.333, "t_alpha": 1.0}
    p.update(overrides)
    return {key: f32(v) if isinstance(v, float) else v for key, v in p.items()}


def flat(t):
    return t.detach().float().tolist()


def fixture(file_key, k, seed):
    name, cls, overrides = HEADS[file_key]
    p = params(name, k, overrides)
    x0, w0 = make_inputs(k, seed)
    y = torch.tensor(LABELS)
    head = cls(p, k)
    inference = head.inference(x0, w0)
    states = []
    for step in range(2):
        x = x0.clone().requires_grad_(True)
        w = w0.clone().requires_grad_(True)
        logits = head.forward(x, w, y)
        if head.stateful:
            states.append(head.state())
        if step == 0:
            loss = F.cross_entropy(logits, y)
            loss.backward()
            first = {"logits": flat(logits), "loss": f32(loss.item()),
                     "grad_W": flat(w.grad), "grad_x": flat(x.grad)}
    for key in ("logits", "grad_W", "grad_x"):
        assert all(math.isfinite(v) for row in first[key] for v in row), (file_key, k, key)
    out = {"head": name, "generator": "tools/golden/gen_head_golden.py", "params": p,
           "x": flat(x0), "W": flat(w0), "labels": LABELS,
           "class_counts": CLASS_COUNTS if name == "DynM-ArcFace" else None,
           "branch_row": BRANCH_ROW, "inference_logits": flat(inference)}
    out.update(first)
    out["state_after"] = [{key: f32(v) for key, v in st.items()} for st in states]
    return out


def write_atomically(path, obj):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    os.chmod(tmp, 0o644)
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for i, file_key in enumerate(HEADS):
        for k in (1, 3):
            path = os.path.join(OUT_DIR, "%s_k%d.json" % (file_key, k))
            write_atomically(path, fixture(file_key, k, seed=1000 + 10 * i + k))
            print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()
