import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * The module-level import graph of src/: every folder directly under src/ is a module; the files
 * directly in src/ (main, app.module, app.setup, app.openapi) are the composition root, which
 * may import anything and is not a module. Type-only imports count: they are dependencies too.
 */
const SRC = resolve(__dirname, '../../src');

type Graph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function moduleOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
}

/** module → module it imports → the imports that make the edge ("file: specifier"). */
function moduleGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = moduleOf(file);
    if (!from) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = moduleOf(resolve(dirname(file), specifier));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SRC, file)}: ${specifier}`]);
    }
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** A cycle with the imports that close it, for the failure message. */
function explain(component: string[], graph: Graph): string {
  const members = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? [])]
      .filter(([to]) => members.has(to))
      .map(
        ([to, evidence]) =>
          `  ${from} → ${to} (${evidence[0]}${evidence.length > 1 ? ` +${evidence.length - 1}` : ''})`,
      ),
  );
  return [component.join(' ↔ '), ...edges].join('\n');
}

describe('module graph', () => {
  const graph = moduleGraph();

  it('is read from the imports of src/', () => {
    expect(graph.get('task')?.has('organization')).toBe(true);
    expect(graph.has('database')).toBe(true);
  });

  it('has no import cycle between modules', () => {
    expect(cycles(graph).map((component) => explain(component, graph))).toEqual([]);
  });

  it('keeps the read side below every domain: it imports no other module', () => {
    expect([...(graph.get('read-side')?.keys() ?? [])]).toEqual([]);
  });
});
