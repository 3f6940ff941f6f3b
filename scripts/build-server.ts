import { buildServerBundle, serverBundleDir } from "./lib/server-command";

/** `npm run build` (after `next build`): bundles the production server next to Next's build. */
await buildServerBundle();
console.log(`Server bundled into ${serverBundleDir()}.`);
