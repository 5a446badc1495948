"""Clustering helpers shared by stories (articles) and claims (statements)."""

from __future__ import annotations

import heapq

import numpy as np


def average_link(
    n: int, ii: np.ndarray, jj: np.ndarray, ss: np.ndarray, threshold: float
) -> np.ndarray:
    """Average-link agglomeration on a sparse graph; absent pairs count as similarity 0.

    Merges the two clusters with the highest mean pairwise similarity while it is at least
    ``threshold``. Returns a cluster label per item.
    """
    size = [1] * n
    version = [0] * n
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(ii.tolist(), jj.tolist(), ss.tolist(), strict=True):
        adj[i][j] = adj[i].get(j, 0.0) + s
        adj[j][i] = adj[j].get(i, 0.0) + s
    heap = [(-s, i, j, 0, 0) for i, j, s in zip(ii.tolist(), jj.tolist(), ss.tolist(), strict=True)]
    heap = [h for h in heap if -h[0] >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or parent[a] != a or parent[b] != b:
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        for c, s in adj[b].items():
            if c == a:
                continue
            adj[a][c] = adj[a].get(c, 0.0) + s
            del adj[c][b]
            adj[c][a] = adj[a][c]
        adj[b] = {}
        adj[a].pop(b, None)
        size[a] += size[b]
        version[a] += 1
        for c, s in adj[a].items():
            avg = s / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, c, version[a], version[c]))
    labels = np.empty(n, dtype=np.int64)
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        labels[i] = r
    return labels
