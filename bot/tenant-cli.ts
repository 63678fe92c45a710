import { runCli } from './cli/run-cli';
import { runTenantCli } from './tenants/tenant-cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli((io) => runTenantCli(process.argv.slice(2), { env: process.env, stdin: readStdin, ...io }));
