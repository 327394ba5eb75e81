// Fails fast, with a clear message, when the Node pinned in devDependencies is not the one running.
// npm scripts put node_modules/.bin (the pinned Node) first on PATH; if its install script was skipped,
// the system Node runs instead and Astro fails later with an obscure error.
const required = 22;
const major = Number(process.versions.node.split(".")[0]);
if (major < required) {
  console.error(
    `preflight: Node ${process.versions.node} is running, but this project needs Node ${required} or newer.\n` +
      `Run the project's scripts through npm (npm run dev, npm test), which use the Node pinned in ` +
      `package.json; if node_modules/.bin/node is missing, run npm install again (install scripts must be allowed).`,
  );
  process.exit(1);
}
