// The baseline of the canvas benchmark: React Flow with its default nodes and the same options as
// the app's canvas, nothing else. Built by scripts/bench/vite.bare.config.ts into dist-bench/.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';

type BenchBoard = {
  nodes: { id: string; label: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; target: string }[];
};

declare global {
  interface Window {
    __bare?: { load(b: BenchBoard): void; flow(): ReturnType<typeof useReactFlow> };
  }
}

function Flow() {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const rf = useReactFlow();
  useEffect(() => {
    window.__bare = {
      load: (b: BenchBoard) => {
        setNodes(b.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.label } })));
        setEdges(b.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })));
      },
      flow: () => rf,
    };
  }, [rf]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={(c: NodeChange[]) => setNodes((ns) => applyNodeChanges(c, ns))}
      onlyRenderVisibleElements={nodes.length > 300}
      minZoom={0.05}
      maxZoom={3}
      proOptions={{ hideAttribution: true }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <Flow />
  </ReactFlowProvider>,
);
