#!/usr/bin/env python3
"""Writes a UnED-metrics fixture and its expected R@1 / mMP@5 / mAP@5, computed by brute force numpy.

An implementation independent of the Java evaluator, written from uned.md: similarity = dot product
of L2-normalised embeddings (upstream's matmul + top-k), ranking by similarity then index position;
the query's own entry is removed by identity; n_q = sum over the query's labels of the index count
of (domain, label), minus 1 when the query is in the index; lone queries (n_q = 0) score 0.

Fixture: 3 domains, 16-d clustered embeddings, multi-label items, cross-domain label collisions
(the same class id in two domains is not relevant), a lone item per query=index domain, and
domain 2 with a separate index. Expected values for the merged and the separate protocol.

Run:  /usr/bin/python3 tools/golden/gen_uned_metrics_golden.py
Output: core/src/test/resources/golden/uned_metrics/{queries.npy,index.npy,fixture.json}
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "uned_metrics")
DIM = 16
DEPTH = 5


def unit(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def make_items(rng, n, classes, centers, multi_share):
    labels, vecs = [], []
    for _ in range(n):
        c = int(rng.integers(classes))
        if rng.random() < multi_share:
            c2 = int((c + 1 + rng.integers(classes - 1)) % classes)
            labels.append(sorted([c, c2]))
            vecs.append(unit(centers[c]) + unit(centers[c2]) + 0.15 * rng.normal(size=DIM))
        else:
            labels.append([c])
            vecs.append(unit(centers[c]) + 0.2 * rng.normal(size=DIM))
    return labels, vecs


def build(rng):
    """Returns per-domain (queries, index, query_is_index) with items as (labels, vector)."""
    domains = []
    for d, (n, classes, separate) in enumerate([(160, 25, False), (120, 12, False), (60, 20, True)]):
        centers = rng.normal(size=(classes + 1, DIM))
        labels, vecs = make_items(rng, n, classes, centers, 0.12)
        # a lone item: its own class, nowhere else
        labels.append([classes])
        vecs.append(unit(centers[classes]) + 0.2 * rng.normal(size=DIM))
        if separate:
            i_labels, i_vecs = make_items(rng, 200, classes, centers, 0.0)
            domains.append(((labels, vecs), (i_labels, i_vecs), False))
        else:
            domains.append(((labels, vecs), (labels, vecs), True))
    return domains


def evaluate(queries, qdom, qlab, index, idom, ilab, self_pos):
    """Per domain: [R@1, mMP@5, mAP@5] means, and the query count."""
    counts = {}
    for d, labels in zip(idom, ilab):
        for l in labels:
            counts[(d, l)] = counts.get((d, l), 0) + 1
    sims = queries.astype(np.float64) @ index.astype(np.float64).T
    per = {}
    for q in range(len(queries)):
        order = np.lexsort((np.arange(len(index)), -sims[q]))
        order = [j for j in order if j != self_pos[q]][:DEPTH]
        rel = [int(idom[j] == qdom[q] and bool(set(ilab[j]) & set(qlab[q]))) for j in order]
        n_q = sum(counts.get((qdom[q], l), 0) for l in qlab[q]) - (1 if self_pos[q] >= 0 else 0)
        cut = min(DEPTH, n_q)
        r1 = float(rel[0])
        mmp = sum(rel[:cut]) / cut if cut > 0 else 0.0
        prec = np.cumsum(rel) / np.arange(1, DEPTH + 1)
        mapk = float((prec * np.array(rel)).sum()) / cut if cut > 0 else 0.0
        per.setdefault(qdom[q], []).append([r1, mmp, mapk])
    return {str(d): {"R@1": float(np.mean([v[0] for v in vals])), "mMP@5": float(np.mean([v[1] for v in vals])),
                     "mAP@5": float(np.mean([v[2] for v in vals])), "queries": len(vals)}
            for d, vals in sorted(per.items())}


def main():
    rng = np.random.default_rng(20240611)
    domains = build(rng)
    q_rows, q_dom, q_lab, q_self = [], [], [], []
    i_rows, i_dom, i_lab = [], [], []
    separate = {}
    for d, ((ql, qv), (il, iv), same) in enumerate(domains):
        offset = len(i_rows)
        qv32 = unit(np.array(qv)).astype(np.float32)
        iv32 = qv32 if same else unit(np.array(iv)).astype(np.float32)
        for i in range(len(ql)):
            q_rows.append(qv32[i]); q_dom.append(d); q_lab.append(ql[i]); q_self.append(offset + i if same else -1)
        for i in range(len(il)):
            i_rows.append(iv32[i]); i_dom.append(d); i_lab.append(il[i])
        own_self = [i if same else -1 for i in range(len(ql))]
        separate.update(evaluate(qv32, [d] * len(ql), ql, iv32, [d] * len(il), il, own_self))
    queries = np.array(q_rows, dtype=np.float32)
    index = np.array(i_rows, dtype=np.float32)
    merged = evaluate(queries, q_dom, q_lab, index, i_dom, i_lab, q_self)
    os.makedirs(OUT, exist_ok=True)
    for name, arr in [("queries.npy", queries), ("index.npy", index)]:
        tmp = os.path.join(OUT, name + ".tmp")
        with open(tmp, "wb") as f:
            np.save(f, arr)
        os.replace(tmp, os.path.join(OUT, name))
    fixture = {"generator": "numpy " + np.__version__, "metric": "dot",
               "query_domains": q_dom, "query_labels": q_lab, "query_self": q_self,
               "index_domains": i_dom, "index_labels": i_lab,
               "query_is_index_by_domain": [same for _, _, same in domains],
               "expected": {"merged": merged, "separate": separate}}
    tmp = os.path.join(OUT, "fixture.json.tmp")
    with open(tmp, "w") as f:
        json.dump(fixture, f)
    os.replace(tmp, os.path.join(OUT, "fixture.json"))
    print(json.dumps(fixture["expected"], indent=1))


if __name__ == "__main__":
    main()
