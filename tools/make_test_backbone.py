#!/usr/bin/env python3
"""Builds the tiny CLIP-style ViT test backbone (and, parameterised, bigger ones for benchmarks).

Default run (from the repo root, Debian torch):
    /usr/bin/python3 tools/make_test_backbone.py
writes, under core/src/test/resources/backbones/:
    clip/tiny-vit-test/default/{proj,noproj}/{model.pt,backbone.json}
    tiny-vit-test-io.json   fixture input + the Python output of both variants
The Java test TorchScriptBackboneTest feeds the same input and expects the same output (1e-5).

Bench run: --width 768 --layers 12 --heads 12 --patch 16 --image-size 224 --proj-dim 512
           --model-name vit-b16-random --out-dir bench/out/models --no-fixture
"""
import argparse
import json
import sys
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_backbone import (OPENAI_MEAN, OPENAI_STD, atomic_write, trace_and_save,  # noqa: E402
                             variant_dir)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "core/src/test/resources/backbones"


class Block(nn.Module):
    """Pre-norm transformer block: x + attn(ln(x)), then x + mlp(ln(x))."""

    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, dropout=0.0, batch_first=True)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x):
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False)[0]
        return x + self.mlp(self.ln_2(x))


class TinyViT(nn.Module):
    """CLIP-like image tower: patch embed, CLS token, pos embed, blocks, final norm, optional proj."""

    def __init__(self, image_size, patch, width, layers, heads, proj_dim):
        super().__init__()
        grid = image_size // patch
        self.conv1 = nn.Conv2d(3, width, patch, stride=patch, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.positional_embedding = nn.Parameter(torch.randn(grid * grid + 1, width) * width ** -0.5)
        self.blocks = nn.Sequential(*[Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(torch.randn(width, proj_dim) * width ** -0.5) if proj_dim else None

    def forward(self, x):
        x = self.conv1(x).flatten(2).transpose(1, 2)                     # (B, N, W)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_post(self.blocks(x)[:, 0])
        return x @ self.proj if self.proj is not None else x


def build(args, proj_layer):
    torch.manual_seed(args.seed)  # same seed -> proj/noproj variants share the trunk weights
    return TinyViT(args.image_size, args.patch, args.width, args.layers, args.heads,
                   args.proj_dim if proj_layer else 0)


def main(argv=None):
    p = argparse.ArgumentParser(description="tiny ViT TorchScript fixture / benchmark model")
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--patch", type=int, default=8)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--proj-dim", type=int, default=16)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--model-name", default="tiny-vit-test")
    p.add_argument("--variants", default="proj,noproj", help="comma list of proj,noproj")
    p.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    p.add_argument("--no-fixture", action="store_true", help="skip the input/output fixture json")
    args = p.parse_args(argv)

    outputs = {}
    example = None
    for variant in args.variants.split(","):
        proj_layer = {"proj": True, "noproj": False}[variant]
        info = dict(type="clip", model_name=args.model_name, weights="", image_size=args.image_size,
                    mean=OPENAI_MEAN, std=OPENAI_STD, proj_layer=proj_layer)
        target = variant_dir(args.out_dir, "clip", args.model_name, "", proj_layer)
        sidecar, example, eager = trace_and_save(build(args, proj_layer), info, target)
        outputs[variant] = {"shape": list(eager.shape), "values": eager.flatten().tolist()}
        print(f"wrote {target}/model.pt (output_dim {sidecar['output_dim']})")
    if not args.no_fixture:
        fixture = {"input_shape": list(example.shape), "input": example.flatten().tolist(),
                   "outputs": outputs}
        path = args.out_dir / f"{args.model_name}-io.json"
        atomic_write(path, lambda tmp: Path(tmp).write_text(json.dumps(fixture) + "\n"))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
