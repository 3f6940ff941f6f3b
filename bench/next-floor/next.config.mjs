// The smallest Next.js app that renders a dynamic page, for the benchmark's "Next.js floor" phase (bench/lib/next-floor.ts):
// what Next itself costs per render on this machine, with no database and none of our code.
export default { distDir: ".next-floor", poweredByHeader: false };
