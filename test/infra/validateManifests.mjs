// Validates Kubernetes manifests (a JSON array on stdin) against the API schemas kubernetes-models compiled in,
// offline; prints a JSON array of problems (empty: all valid). Plain Node ES modules: kubernetes-models ships
// ES modules only, with `import`-only exports Jest's CommonJS resolver cannot follow (test/infra/helmChart.test.ts).
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const manifests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const problems = [];
for (const manifest of manifests) {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : ['', manifest.apiVersion];
  const specifier =
    group === ''
      ? `kubernetes-models/${version}/${manifest.kind}`
      : `kubernetes-models/${group}/${version}/${manifest.kind}`;
  const where = `${manifest.kind} ${manifest.metadata?.name}`;
  try {
    const Model = (await import(specifier))[manifest.kind];
    if (!Model) throw new Error(`no model for ${manifest.apiVersion} ${manifest.kind}`);
    new Model(manifest).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
