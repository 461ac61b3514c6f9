import { describe, expect, it } from 'vitest';
import type { Node, Stored } from '../../sim/model/types';
import { nodeStatus } from '../../src/features/topology/scene-nodes';
import { node } from './fixtures';

const asNode = (o: unknown) => o as Stored<Node>;

describe("a node region's STATUS", () => {
  it('reads as kubectl get nodes prints it: NotReady for a Ready condition False or Unknown', () => {
    expect(nodeStatus(asNode(node('a')))).toEqual({ status: 'Ready', ready: true });
    expect(nodeStatus(asNode(node('a', 'False')))).toEqual({ status: 'NotReady', ready: false });
    expect(nodeStatus(asNode(node('a', 'Unknown')))).toEqual({ status: 'NotReady', ready: false });
    expect(nodeStatus(asNode(node('a', 'True', { unschedulable: true })))).toEqual({ status: 'Ready,SchedulingDisabled', ready: true });
    const bare = { ...node('a'), status: {} };
    expect(nodeStatus(asNode(bare)).status).toBe('Unknown');
  });
});
