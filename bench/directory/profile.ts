/**
 * Reading a V8 CPU profile (`node --cpu-prof`): where a server's CPU went, by the part of the
 * stack that spent it, and a flame graph as a standalone SVG for bench/README.md.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs on the monotonic clock (the one process.hrtime reads, on Linux). */
  startTime: number;
  endTime: number;
  /** The node of each sample, and the µs since the previous one. */
  samples: number[];
  timeDeltas: number[];
}

/** A time window on the monotonic clock, µs: only the samples taken in it count. */
export interface Window {
  fromUs: number;
  toUs: number;
}

/** The monotonic clock as V8's profiler stamps samples, µs. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * A profile whose hit counts are only the samples taken within `window` (startup, warm-up and
 * shutdown left out), its start and end those of the window.
 */
export function readProfile(file: string, window: Window): CpuProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const hits = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at >= window.fromUs && at <= window.toUs) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  if (hits.size === 0) throw new Error('no sample of the profile falls in the measured window');
  for (const node of profile.nodes) node.hitCount = hits.get(node.id) ?? 0;
  return { ...profile, startTime: window.fromUs, endTime: window.toUs };
}

/**
 * Who spent a sample: V8's own entries as they are, a package under node_modules by name,
 * Tandem's code by its top folder, Node's internals by module.
 */
export function partOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8 and native (program)';
    return functionName ? `native: ${functionName}` : 'native';
  }
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageName) return packageName[1];
  const tandem = /\/dist\/(?:src|packages\/shared\/dist)\/([^/]+)/.exec(url);
  if (tandem) return `tandem: ${tandem[1].replace(/\.js$/, '')}`;
  const internal = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (internal) return `node: ${internal[1]}`;
  return url;
}

export interface ProfileSummary {
  /** Sampled time, ms, idle excluded. */
  busyMs: number;
  /** Self time by part, largest first. */
  parts: Array<{ part: string; ms: number; share: number }>;
  /** Self time by function, largest first. */
  functions: Array<{ name: string; ms: number; share: number }>;
}

/** Self time by part and by function; each sample counts once, where it was taken. */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const samples = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
  const msPerSample = samples === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / samples;
  const byPart = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.hitCount === 0) continue;
    const part = partOf(node.callFrame);
    if (part === 'idle') continue;
    byPart.set(part, (byPart.get(part) ?? 0) + node.hitCount);
    const file = node.callFrame.url.split('/').slice(-2).join('/');
    const name = `${node.callFrame.functionName || '(anonymous)'} ${file ? `${file}:${node.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(name.trim(), (byFunction.get(name.trim()) ?? 0) + node.hitCount);
  }
  const busy = [...byPart.values()].reduce((a, b) => a + b, 0);
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, hits]) => ({ key, ms: hits * msPerSample, share: busy === 0 ? 0 : hits / busy }));
  return {
    busyMs: busy * msPerSample,
    parts: ranked(byPart).map(({ key, ms, share }) => ({ part: key, ms, share })),
    functions: ranked(byFunction).map(({ key, ms, share }) => ({ name: key, ms, share })),
  };
}

interface Frame {
  name: string;
  part: string;
  hits: number;
  children: Map<string, Frame>;
}

/** The call tree with idle left out, frames of the same function under the same parent merged. */
function callTree(profile: CpuProfile): Frame {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const root: Frame = { name: 'all', part: '', hits: 0, children: new Map() };
  const walk = (node: ProfileNode, into: Frame): number => {
    let hits = partOf(node.callFrame) === 'idle' ? 0 : node.hitCount;
    for (const childId of node.children ?? []) {
      const child = byId.get(childId)!;
      const name = child.callFrame.functionName || '(anonymous)';
      const key = `${name}@${child.callFrame.url}:${child.callFrame.lineNumber}`;
      let frame = into.children.get(key);
      if (!frame)
        into.children.set(key, (frame = { name, part: partOf(child.callFrame), hits: 0, children: new Map() }));
      const below = walk(child, frame);
      frame.hits += below;
      hits += below;
    }
    return hits;
  };
  const rootNode = profile.nodes[0];
  root.hits = walk(rootNode, root);
  return root;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** A stable colour per part, so the same package has the same colour in every graph. */
function colourOf(part: string): string {
  let hash = 0;
  for (const char of part) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = part.startsWith('tandem') ? 30 + (hash % 30) : part === 'GC' ? 0 : 180 + (hash % 160);
  return `hsl(${hue}, 65%, ${part.startsWith('tandem') ? 62 : 72}%)`;
}

/**
 * A flame graph (root at the bottom, width = share of busy samples) as one SVG with a <title>
 * per frame, so hovering in a browser names it; frames narrower than `minWidth` pixels are left out.
 */
export function flameGraphSvg(profile: CpuProfile, title: string, width = 1200, minWidth = 1): string {
  const ROW = 16;
  const tree = callTree(profile);
  const placed: Array<{ frame: Frame; x: number; level: number; w: number }> = [];
  const place = (frame: Frame, x: number, level: number, scale: number) => {
    let at = x;
    for (const child of [...frame.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const w = child.hits * scale;
      if (w >= minWidth) {
        placed.push({ frame: child, x: at, level, w });
        place(child, at, level + 1, scale);
      }
      at += w;
    }
  };
  place(tree, 0, 0, tree.hits === 0 ? 0 : width / tree.hits);
  const depth = placed.reduce((deepest, p) => Math.max(deepest, p.level + 1), 0);
  const height = depth * ROW + 24;
  const rects = placed.map(({ frame, x, level, w }) => {
    const y = height - (level + 1) * ROW;
    const label = `${frame.name} (${frame.part}) ${((100 * frame.hits) / tree.hits).toFixed(1)} %`;
    const text =
      w > 40
        ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}">${escapeXml(label.slice(0, Math.floor(w / 6.5)))}</text>`
        : '';
    return (
      `<g><title>${escapeXml(label)}</title>` +
      `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 1}" fill="${colourOf(frame.part)}"/>` +
      `${text}</g>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="4" y="14" font-size="13">${escapeXml(title)}</text>`,
    ...rects,
    `</svg>`,
    '',
  ].join('\n');
}
