import madge from "madge";

/**
 * `npm run cycles`: fails on import cycles, at two levels.
 *
 *   files    a file that imports itself through others (madge's circular check).
 *   domains  lib/<domain> folders that import each other, even through different files: lib/articles/mutations.ts
 *            → lib/publishing/revalidate.ts → lib/articles/urls.ts is no file cycle, but it ties the two domains
 *            together so that neither can be understood, tested or changed alone. Each domain must sit in a layer
 *            below the ones that use it. The files directly in lib/ (db.ts, env.ts, errors.ts) count as one domain each.
 *
 * madge builds the graph (with tsconfig.json's paths); this script only folds it into domains.
 */

const ROOTS = ["app", "components", "lib", "scripts", "bench", "e2e", "prisma", "proxy.ts"];

const graph = await madge(ROOTS, {
  fileExtensions: ["ts", "tsx"],
  tsConfig: "tsconfig.json",
  // The Prisma client written by `prisma generate` has cycles of its own; it is not our code.
  excludeRegExp: [/^generated\//],
});

const problems: string[] = [];

for (const cycle of graph.circular()) {
  problems.push(`file cycle: ${[...cycle, cycle[0]].join(" → ")}`);
}

/** "lib/articles/urls.ts" → "lib/articles"; "lib/db.ts" → "lib/db"; outside lib/ → null. */
function domainOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? `lib/${parts[1]!.replace(/\.tsx?$/, "")}` : `lib/${parts[1]}`;
}

// Domain graph, keeping one importing file per edge so a failure names where to look.
const edges = new Map<string, Map<string, string>>();
for (const [file, imports] of Object.entries(graph.obj())) {
  const from = domainOf(file);
  // Nothing imports a test, so a test's imports are no dependency of its domain.
  if (!from || file.endsWith(".test.ts")) continue;
  for (const imported of imports) {
    const to = domainOf(imported);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} → ${imported}`);
  }
}

// Tarjan's strongly connected components: every component of two or more domains is a cycle.
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const components: string[][] = [];
function visit(node: string): void {
  index.set(node, counter);
  low.set(node, counter);
  counter += 1;
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
  }
  if (low.get(node) === index.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);

for (const component of components) {
  const inside = new Set(component);
  const links = component.flatMap((from) =>
    [...(edges.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([, via]) => `    ${via}`),
  );
  problems.push(`domain cycle: ${component.join(" ⇄ ")}\n${links.join("\n")}`);
}

const fileCount = Object.keys(graph.obj()).length;
if (problems.length) {
  console.error(`✘ Import cycles in ${fileCount} files:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `✔ No import cycles between ${fileCount} files or between the ${new Set([...edges.keys()]).size} lib/ domains.`,
);
